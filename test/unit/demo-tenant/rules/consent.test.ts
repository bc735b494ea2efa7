// The demo app registration's consent: exactly the list README tells an admin to grant, and a knob
// that withholds chosen scopes so "an admin never consented to X" can be tested.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONSENTED_SCOPES,
  effectiveConsent,
  KNOWN_GRAPH_SCOPES,
  resolveScopes,
} from '../../../../src/demo-tenant/entra/scopes';
import { KnobStore } from '../../../../src/demo-tenant/knobs';
import { DELEGATED_PERMISSIONS } from '../../../../src/main/core/tenant/clouds';

const CLIENT = '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93';

describe('the registration’s default consent', () => {
  it('is exactly the app’s delegated permission list, nothing broader', () => {
    // The app's own list (core/tenant/clouds.ts), which README tells an admin to grant: two copies, kept equal.
    expect([...DEFAULT_CONSENTED_SCOPES].sort()).toEqual([...DELEGATED_PERMISSIONS].sort());
    for (const s of ['Directory.Read.All', 'User.ReadWrite.All', 'User-PasswordProfile.ReadWrite.All'])
      expect(DEFAULT_CONSENTED_SCOPES).not.toContain(s);
  });

  it('knows the permissions the rules name', () => {
    for (const s of ['RoleManagement.Read.Directory', 'GroupMember.Read.All', 'Mail.Send.Shared'])
      expect(KNOWN_GRAPH_SCOPES).toContain(s);
  });

  it('gives `.default` the consented list, and User.Read only when no Graph scope is asked', () => {
    expect(resolveScopes('openid .default', DEFAULT_CONSENTED_SCOPES, CLIENT).graph.sort()).toEqual(
      [...DEFAULT_CONSENTED_SCOPES].sort(),
    );
    expect(resolveScopes('openid profile', DEFAULT_CONSENTED_SCOPES, CLIENT).graph).toEqual(['User.Read']);
    expect(() => resolveScopes('Directory.Read.All', DEFAULT_CONSENTED_SCOPES, CLIENT)).toThrow(/AADSTS65001|consent/i);
  });
});

describe('withholding consent', () => {
  it('takes the scopes out, case-insensitively', () => {
    expect(effectiveConsent(['A.Read', 'B.Read'], ['a.read'])).toEqual(['B.Read']);
  });

  it('makes a request for a withheld scope fail with consent_required, and `.default` leave it out', () => {
    const consent = effectiveConsent(DEFAULT_CONSENTED_SCOPES, ['RoleManagement.Read.Directory']);
    expect(() => resolveScopes('RoleManagement.Read.Directory', consent, CLIENT)).toThrow(
      expect.objectContaining({ suberror: 'consent_required' }),
    );
    expect(resolveScopes('.default', consent, CLIENT).graph).not.toContain('RoleManagement.Read.Directory');
    expect(resolveScopes('User.Read.All', consent, CLIENT).graph).toEqual(['User.Read.All']);
  });

  it('is a live knob', () => {
    const knobs = new KnobStore({ withheldScopes: ['Mail.Send'] });
    expect(knobs.get().withheldScopes).toEqual(['Mail.Send']);
    const live = knobs.get();
    knobs.set({ latencyMs: 5 });
    expect(live.withheldScopes).toEqual(['Mail.Send']);
    knobs.set({ withheldScopes: [] });
    expect(live.withheldScopes).toEqual([]);
  });
});
