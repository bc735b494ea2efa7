// Generated passphrases and typed passwords: Entra's documented rules (length, characters, 3 of 4
// kinds), no space at either end, nothing from the caller's name, user name or email address, and a
// zxcvbn score of at least 3; each broken rule comes back with a message for the agent.
import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  generatePassphrase,
  MIN_SCORE,
  ownerInputs,
  type PasswordOwner,
} from '../../../src/main/core/reset/passphrase';

const megan: PasswordOwner = {
  displayName: 'Megan Bowen',
  userPrincipalName: 'meganb@contoso.com',
  mail: 'megan.bowen@contoso.com',
};
const rules = (password: string, owner: PasswordOwner | null = null) =>
  checkPassword(password, owner).failed.map((f) => f.rule);
const message = (password: string, owner: PasswordOwner | null = null) =>
  checkPassword(password, owner)
    .failed.map((f) => f.message)
    .join(' ');

describe('passphrases', () => {
  it('generates words, a number and a symbol that meet every rule and score at least 3', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const p = generatePassphrase(megan);
      expect(p).toMatch(/^[A-Z][a-z]{3,5}-[a-z]{4,6}-[a-z]{4,6}-\d{2}[!#%+?]$/);
      const check = checkPassword(p, megan);
      expect(check.failed).toEqual([]);
      expect(check.acceptable).toBe(true);
      expect(check.score).toBeGreaterThanOrEqual(MIN_SCORE);
      seen.add(p);
    }
    expect(seen.size).toBe(40);
  });

  it('never generates a passphrase holding the caller’s name, even when it is a listed word', () => {
    // "robin" and "olive" are in the word list: a caller named so never gets them.
    const robin: PasswordOwner = { displayName: 'Robin Olive', userPrincipalName: 'ro@contoso.com', mail: null };
    for (let i = 0; i < 300; i++) expect(generatePassphrase(robin)).not.toMatch(/robin|olive/i);
  });
});

describe('typed passwords', () => {
  it('refuses weak or simple passwords with zxcvbn feedback', () => {
    for (const weak of ['Password1!', 'Summer2024!', 'Qwerty123!', 'aaaaaaaaaaaa']) {
      const c = checkPassword(weak);
      expect([weak, c.acceptable]).toEqual([weak, false]);
      expect(rules(weak)).toContain('guessable');
      expect(message(weak)).toMatch(/Too easy to guess: strength \d of 4, 3 needed\./);
    }
  });

  it('refuses a strong-looking password missing Entra’s character kinds, naming what it has', () => {
    const c = checkPassword('correcthorsebatterystaplezebra');
    expect(c.score).toBeGreaterThanOrEqual(3);
    expect(c.acceptable).toBe(false);
    expect(c.failed).toEqual([
      {
        rule: 'classes',
        message: 'Needs 3 of these 4: lower case, upper case, digits, symbols (this has lower case).',
      },
    ]);
  });

  it('says how long is too long: Microsoft’s 256 characters', () => {
    const long = `Aa1!${'x'.repeat(296)}`;
    expect(rules(long)).toContain('too-long');
    expect(message(long)).toContain('Too long: Microsoft allows at most 256 characters (this has 300).');
    expect(rules(`Violet-harbor-58%${'q'.repeat(239)}`)).not.toContain('too-long'); // exactly 256
    expect(message('Ab1!x')).toContain('Too short: Microsoft needs at least 8 characters (this has 5).');
  });

  it('refuses a space at either end (Entra allows spaces; they vanish when read out)', () => {
    expect(checkPassword('Violet harbor lantern 58%').acceptable).toBe(true);
    expect(rules('  Violet-harbor-lantern-58%')).toEqual(['edge-space']);
    expect(message('  Violet-harbor-lantern-58%')).toMatch(/^Starts with a space: Microsoft accepts spaces/);
    expect(message('Violet-harbor-lantern-58% ')).toMatch(/^Ends with a space/);
  });

  it('refuses characters Entra does not accept, naming them', () => {
    expect(rules('Violet-harbør-lantern-58%')).toEqual(['characters']);
    expect(message('Violet-harbør-lantern-58%')).toContain('Contains “ø”, which Microsoft does not accept');
    expect(message('Violet\tharbor-lantern-58%')).toContain('Contains a tab');
    expect(rules('Violet-harbor-lantern-58🙂')).toContain('characters');
    // Every symbol Entra lists is accepted.
    expect(rules('Aa1 @#$%^&*-_!+=[]{}|\\:\',.?/`~"();<>zQ')).not.toContain('characters');
  });

  it('refuses the caller’s name, user name or email address outright, also with look-alike digits', () => {
    for (const [pw, what] of [
      ['Violet-Megan-lantern-58%', "the caller's name (“megan”)"],
      ['Violet-B0wen-lantern-58%', "the caller's name (“bowen”)"],
      ['Meganb-harbor-lantern-58%', "the caller's user name (“meganb”)"],
      ['Harbor-megan.bowen-58%', "the caller's email address (“megan.bowen”)"],
    ] as const) {
      expect(rules(pw, megan), pw).toContain('personal');
      expect(message(pw, megan)).toContain(`Contains ${what}`);
      // Without the caller, the same password passes: it is the caller that makes it refused.
      expect(rules(pw), pw).not.toContain('personal');
    }
  });

  it('gives zxcvbn the caller’s details, so their parts count against the score', () => {
    expect(ownerInputs(megan)).toEqual(
      expect.arrayContaining([
        'Megan Bowen',
        'meganb@contoso.com',
        'megan.bowen@contoso.com',
        'megan',
        'bowen',
        'meganb',
      ]),
    );
    const pw = 'Quillbrook7!';
    const alone = checkPassword(pw);
    const withName = checkPassword(pw, { displayName: 'Quillbrook', userPrincipalName: 'q@contoso.com', mail: null });
    expect(withName.score).toBeLessThan(alone.score);
    expect(withName.acceptable).toBe(false);
  });
});
