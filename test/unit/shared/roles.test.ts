// The demo tenant keeps its own role table on purpose (it never imports the app); this proves the two
// copies agree wherever both name a role: the same key has the same template id, the same template id the
// same display name, and the same display name the same template id.
import { describe, expect, it } from 'vitest';
import { ROLE, ROLE_DISPLAY_NAMES } from '../../../src/demo-tenant/roles';
import { RESETTER_ROLES } from '../../../src/main/core/eligibility/guard';
import {
  POLICY_ADMIN_ROLES,
  REGISTRATION_READER_ROLES,
  ROLE_NAMES,
  ROLE_TEMPLATE_IDS,
  type RoleKey,
} from '../../../src/shared/roles';

const appKeys = Object.keys(ROLE_TEMPLATE_IDS) as RoleKey[];
const demoIds = new Map<string, string>(Object.entries(ROLE));
const demoNames = new Map<string, string>(Object.entries(ROLE_DISPLAY_NAMES));
const appIdByName = new Map(appKeys.map((key) => [ROLE_NAMES[key], ROLE_TEMPLATE_IDS[key]]));

describe('shared/roles.ts and the demo tenant agree', () => {
  it('gives a role both tables key by the same template id', () => {
    const shared = appKeys.filter((key) => demoIds.has(key));
    expect(shared.map((key) => [key, demoIds.get(key)])).toEqual(shared.map((key) => [key, ROLE_TEMPLATE_IDS[key]]));
  });

  it('names a template id both tables carry the same way, in both directions', () => {
    const shared = appKeys.map((key) => ROLE_TEMPLATE_IDS[key]).filter((id) => demoNames.has(id));
    for (const id of shared) {
      const appKey = appKeys.find((key) => ROLE_TEMPLATE_IDS[key] === id) as RoleKey;
      expect({ id, name: demoNames.get(id) }).toEqual({ id, name: ROLE_NAMES[appKey] });
    }
    for (const [id, name] of demoNames) {
      if (appIdByName.has(name)) expect({ name, id }).toEqual({ name, id: appIdByName.get(name) });
    }
  });

  it('covers every role the app decides with, so the agreement is not vacuous', () => {
    const decidedWith = new Set<RoleKey>([...RESETTER_ROLES, ...POLICY_ADMIN_ROLES, ...REGISTRATION_READER_ROLES]);
    for (const key of decidedWith) expect({ key, inDemoTenant: demoIds.has(key) }).toEqual({ key, inDemoTenant: true });
  });

  it('keeps each table free of duplicate ids and names', () => {
    for (const table of [Object.values(ROLE_TEMPLATE_IDS), Object.values(ROLE_NAMES), Object.values(ROLE)]) {
      expect(new Set(table).size).toBe(table.length);
    }
  });
});
