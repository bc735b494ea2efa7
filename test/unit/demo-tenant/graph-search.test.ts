// $search clauses as Graph reads them: "property:term" joined by AND/OR, tokenized prefix matching.
import { describe, expect, it } from 'vitest';
import { matchesSearch, parseSearch, tokens } from '../../../src/demo-tenant/graph/search';
import { USER_SEARCHABLE } from '../../../src/demo-tenant/graph/users';

const rec: Record<string, string> = {
  displayName: 'Alex McCloud-Smith',
  mail: 'alex.mccloud@contoso.com',
  userPrincipalName: 'alex.mccloud@contoso.com',
};
const hit = (q: string): boolean => matchesSearch(parseSearch(q, USER_SEARCHABLE), (p) => rec[p]);

describe('$search', () => {
  it('splits values into words on punctuation and case changes', () => {
    expect(tokens('Alex McCloud-Smith')).toEqual(['alex', 'mc', 'cloud', 'smith']);
    expect(tokens('alex.mccloud@contoso.com')).toEqual(['alex', 'mccloud', 'contoso', 'com']);
  });

  it('matches word prefixes, not substrings', () => {
    expect(hit('"displayName:smi"')).toBe(true);
    expect(hit('"displayName:cloud"')).toBe(true);
    expect(hit('"displayName:mith"')).toBe(false);
    expect(hit('"mail:alex.mcc"')).toBe(true);
  });

  it('joins clauses with AND binding tighter than OR', () => {
    expect(hit('"displayName:zed" OR "displayName:alex" AND "mail:contoso"')).toBe(true);
    expect(hit('"displayName:zed" AND "displayName:alex" OR "mail:nobody"')).toBe(false);
  });

  it("refuses malformed expressions and unsearchable properties with Graph's 400", () => {
    for (const q of [
      'displayName:alex',
      '"displayName"',
      '"displayName:alex" XOR "mail:a"',
      '"employeeId:E1"',
      '"jobTitle:eng"',
    ]) {
      expect(() => parseSearch(q, USER_SEARCHABLE), q).toThrow(
        expect.objectContaining({ status: 400, code: 'Request_UnsupportedQuery' }),
      );
    }
  });
});
