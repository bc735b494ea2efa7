// Passwords an agent can read over the phone: three common short English words from a CSPRNG,
// a two-digit number and a symbol ("Maple-river-stone-47!"), which meets Entra's 3-of-4 classes.
// Generated and agent-typed passwords alike must score ≥ 3 with zxcvbn.
import { randomInt } from 'node:crypto';
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import type { PasswordCheck } from '../../../shared/caller';

export const MIN_SCORE = 3;

// Words that would embarrass the agent reading them out, or that Entra's banned list catches.
const AVOID =
  /^(sex|kill|dead|die|hate|damn|hell|shit|fuck|bitch|ass|gun|drug|nazi|rape|porn|slut|whore|dick|cock|piss|crap|stupid|idiot|password|admin|welcome|summer|winter|spring|autumn|monkey|dragon|qwerty)/;

let words: string[] | null = null;
let zxcvbn: ZxcvbnFactory | null = null;

/** Common English words, 4–6 letters, no names: easy to spell out loud. Built once. */
export function wordList(): string[] {
  if (words) return words;
  const names = new Set(
    [...en.dictionary['firstnames-en'], ...en.dictionary['lastnames-en']].map((w) => w.toLowerCase()),
  );
  const list = new Set<string>();
  for (const w of en.dictionary['commonWords-en'].slice(0, 6000)) {
    if (/^[a-z]{4,6}$/.test(w) && !names.has(w) && !AVOID.test(w)) list.add(w);
  }
  words = [...list];
  if (words.length < 1000) throw new Error(`passphrase word list too small (${words.length})`);
  return words;
}

function checker(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return zxcvbn;
}

const SYMBOLS = '!#%+?';

export function generatePassphrase(): string {
  const list = wordList();
  for (let attempt = 0; attempt < 20; attempt++) {
    const picked = [0, 1, 2].map(() => list[randomInt(list.length)]!);
    const first = picked[0]!.charAt(0).toUpperCase() + picked[0]!.slice(1);
    const candidate = `${[first, ...picked.slice(1)].join('-')}-${String(randomInt(10, 100))}${SYMBOLS.charAt(randomInt(SYMBOLS.length))}`;
    if (checkPassword(candidate).acceptable) return candidate;
  }
  // Three words from a list this size essentially always pass; reaching here means the list broke.
  throw new Error('could not generate an acceptable passphrase');
}

/** Entra's cloud rule: 8–256 characters and three of the four character classes. */
function meetsComplexity(pw: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  return pw.length >= 8 && pw.length <= 256 && classes >= 3;
}

export function checkPassword(password: string, userInputs: string[] = []): PasswordCheck {
  const result: ZxcvbnResult = checker().check(password, userInputs);
  const complex = meetsComplexity(password);
  const suggestions = [...result.feedback.suggestions];
  if (!complex)
    suggestions.unshift('Use at least 8 characters from three of: lower case, upper case, digits, symbols.');
  return {
    acceptable: complex && result.score >= MIN_SCORE,
    score: result.score,
    warning: result.feedback.warning ?? null,
    suggestions,
  };
}
