// The passphrase word list: every vendored word scanned again with the `obscenity` package's English
// dataset and with the English "List of Dirty, Naughty, Obscene, and Otherwise Bad Words"
// (vendor/eff-wordlist/naughty-en.txt), the module main bundles equal to the vendored file, and
// generated passphrases (words side by side included) clean, readable and within Entra's rules.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { describe, expect, it } from 'vitest';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import {
  checkPassword,
  generatePassphrase,
  MIN_SCORE,
  ruleFailures,
  wordList,
} from '../../../src/main/core/reset/passphrase';
import { WORDS } from '../../../src/main/core/reset/words';

const vendored = (file: string) =>
  readFileSync(resolve(__dirname, '../../../vendor/eff-wordlist', file), 'utf8')
    .split('\n')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const naughty = vendored('naughty-en.txt');

describe('passphrase word list', () => {
  it('is the vendored list: 1,500+ short lower-case words, no repeats', () => {
    const txt = vendored('words.txt');
    expect([...WORDS]).toEqual(txt);
    expect(wordList()).toBe(WORDS);
    expect(WORDS.length).toBeGreaterThanOrEqual(1500);
    expect(new Set(WORDS).size).toBe(WORDS.length);
    for (const w of WORDS) expect(w).toMatch(/^[a-z]{4,6}$/);
  });

  it('holds no word obscenity flags', () => {
    expect(WORDS.filter((w) => matcher.hasMatch(w))).toEqual([]);
  });

  it('holds no word of the bad-words list, and none containing a slur from it', () => {
    expect(naughty.length).toBeGreaterThan(400);
    const set = new Set(naughty);
    expect(WORDS.filter((w) => set.has(w))).toEqual([]);
    // Single-word entries of 4+ letters that are slurs whatever surrounds them.
    const slurs = ['coon', 'nigg', 'spic', 'kike', 'fag', 'dyke', 'tranny', 'retard'].filter((s) =>
      naughty.some((n) => n.startsWith(s)),
    );
    expect(slurs.length).toBeGreaterThan(3);
    expect(WORDS.filter((w) => slurs.some((s) => w.includes(s)))).toEqual([]);
  });

  it('left out the words the curation names (sensitive, homophones, read-out words)', () => {
    for (const w of ['racism', 'slain', 'prison', 'whole', 'cache', 'cash', 'five', 'dash', 'echo', 'grope'])
      expect(WORDS, w).not.toContain(w);
  });

  it('generates 10,000 passphrases that pass every rule, read cleanly side by side and do not repeat', () => {
    const seen = new Set<string>();
    const flagged: string[] = [];
    const broken: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const p = generatePassphrase();
      if (!/^[A-Z][a-z]{3,5}-[a-z]{4,6}-[a-z]{4,6}-\d{2}[!#%+?]$/.test(p)) broken.push(p);
      if (ruleFailures(p).length > 0) broken.push(p);
      // Across the hyphens too: obscenity skips non-letters, so two words side by side are scanned.
      if (matcher.hasMatch(p)) flagged.push(p);
      seen.add(p);
    }
    expect(broken).toEqual([]);
    expect(flagged).toEqual([]);
    expect(seen.size).toBe(10_000);
    // zxcvbn takes ~40 ms a check: the full check on a sample, the worst case in the next test.
    for (const p of [...seen].slice(0, 25)) expect([p, checkPassword(p).failed]).toEqual([p, []]);
  });

  it('scores at least 3 with zxcvbn even for the three most guessable words of the list', () => {
    const z = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    const weakest = [...WORDS]
      .map((w) => ({ w, guesses: z.check(w).guesses }))
      .sort((a, b) => a.guesses - b.guesses)
      .slice(0, 3)
      .map((x) => x.w);
    const worst = `${weakest[0]!.charAt(0).toUpperCase()}${weakest[0]!.slice(1)}-${weakest[1]}-${weakest[2]}-10!`;
    const check = checkPassword(worst);
    expect([worst, check.score >= MIN_SCORE, check.failed]).toEqual([worst, true, []]);
  });
});
