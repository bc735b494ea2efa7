// Generated passphrases: readable words from the zxcvbn English lists, Entra's complexity, a zxcvbn
// score of at least 3, and no two alike; typed passwords are judged by the same rule.
import { describe, expect, it } from 'vitest';
import { checkPassword, generatePassphrase, MIN_SCORE, wordList } from '../../../src/main/core/reset/passphrase';

describe('passphrases', () => {
  it('builds a word list of short, plain, common words', () => {
    const words = wordList();
    expect(words.length).toBeGreaterThanOrEqual(1000);
    for (const w of words) expect(w).toMatch(/^[a-z]{4,6}$/);
    expect(words).not.toContain('password');
  });

  it('generates words, a number and a symbol that meet complexity and score at least 3', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const p = generatePassphrase();
      expect(p).toMatch(/^[A-Z][a-z]{3,5}-[a-z]{4,6}-[a-z]{4,6}-\d{2}[!#%+?]$/);
      const check = checkPassword(p);
      expect(check.acceptable).toBe(true);
      expect(check.score).toBeGreaterThanOrEqual(MIN_SCORE);
      seen.add(p);
    }
    // A CSPRNG over ~1,600 words: forty draws do not repeat.
    expect(seen.size).toBe(40);
  });

  it('refuses weak or simple typed passwords with zxcvbn feedback', () => {
    for (const weak of ['Password1!', 'Summer2024!', 'Qwerty123!', 'aaaaaaaaaaaa']) {
      const c = checkPassword(weak);
      expect([weak, c.acceptable]).toEqual([weak, false]);
      expect(c.warning !== null || c.suggestions.length > 0).toBe(true);
    }
  });

  it('refuses a strong-looking password missing Entra’s character classes', () => {
    const c = checkPassword('correcthorsebatterystaplezebra');
    expect(c.score).toBeGreaterThanOrEqual(3);
    expect(c.acceptable).toBe(false);
    expect(c.suggestions[0]).toMatch(/three of/);
  });

  it('counts the caller’s own name against the password', () => {
    const pw = 'Quillbrook7!';
    const alone = checkPassword(pw);
    const withName = checkPassword(pw, ['Quillbrook', 'quillbrook']);
    expect(withName.score).toBeLessThan(alone.score);
    expect(withName.acceptable).toBe(false);
  });
});
