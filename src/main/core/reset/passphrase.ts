// Passwords an agent can read over the phone, and the rules a typed one must meet.
// Generated: three words from the curated EFF list (words.ts, vendor/eff-wordlist/SOURCE.md) drawn with
// a CSPRNG, a two-digit number and a symbol ("Maple-river-stone-47!"), which meets Entra's rules.
// Typed or generated, a password must pass Entra's documented rules (length, characters, 3 of 4 kinds),
// Resetline's (no space at either end, nothing from the caller's name or user name, zxcvbn score ≥ 3).
import { randomInt } from 'node:crypto';
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { PASSWORD_LENGTH, type PasswordCheck, type PasswordRule } from '../../../shared/caller';
import { WORDS } from './words';

export const MIN_SCORE = 3;
const SYMBOLS = '!#%+?';
/** Shorter parts of a name ("Al", "Li") match too much ordinary text to refuse a password for. */
const MIN_PERSONAL = 3;

/** Who the password is for: the caller's card (CallerCard.user has these fields). */
export interface PasswordOwner {
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  givenName?: string | null;
  surname?: string | null;
}

let zxcvbn: ZxcvbnFactory | null = null;

/** The curated list passphrases are drawn from (2,000+ words, 4–6 letters). */
export function wordList(): readonly string[] {
  return WORDS;
}

function checker(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return zxcvbn;
}

export function generatePassphrase(owner: PasswordOwner | null = null): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const picked = [0, 1, 2].map(() => WORDS[randomInt(WORDS.length)]!);
    const first = picked[0]!.charAt(0).toUpperCase() + picked[0]!.slice(1);
    const candidate = `${[first, ...picked.slice(1)].join('-')}-${String(randomInt(10, 100))}${SYMBOLS.charAt(randomInt(SYMBOLS.length))}`;
    // Drawn again when a word happens to be the caller's name. Its strength is by construction (over
    // 42 bits, vendor/eff-wordlist/SOURCE.md), so zxcvbn (~40 ms a check) is not asked each time; the
    // unit test checks that even the list's most common words together score at least MIN_SCORE.
    if (ruleFailures(candidate, owner).length === 0) return candidate;
  }
  // Three words from a list this size essentially always pass; reaching here means the list broke.
  throw new Error('could not generate an acceptable passphrase');
}

// ---- the rules -------------------------------------------------------------------------------

type Failure = { rule: PasswordRule; message: string };

/**
 * Entra's password rules, as documented in MicrosoftDocs/entra-docs
 * docs/identity/authentication/concept-password-ban-bad-combined-policy.md ("Microsoft Entra password
 * policies"): allowed are A–Z, a–z, 0–9, the symbols @ # $ % ^ & * - _ ! + = [ ] { } | \ : ' , . ? / ` ~
 * " ( ) ; < > and a blank space (that is, printable ASCII); "Unicode characters" are not; 8 to 256
 * characters; three of the four kinds upper case, lower case, numbers, symbols. The page says nothing
 * about where a space may go; a leading or trailing one is Resetline's refusal (see edgeSpace).
 */
function entraRules(password: string): Failure[] {
  const failed: Failure[] = [];
  const length = [...password].length;
  if (length < PASSWORD_LENGTH.min)
    failed.push({
      rule: 'too-short',
      message: `Too short: Microsoft needs at least ${PASSWORD_LENGTH.min} characters (this has ${length}).`,
    });
  if (length > PASSWORD_LENGTH.max)
    failed.push({
      rule: 'too-long',
      message: `Too long: Microsoft allows at most ${PASSWORD_LENGTH.max} characters (this has ${length}).`,
    });
  const refused = [...new Set([...password].filter((c) => !/^[\x20-\x7e]$/.test(c)))];
  if (refused.length > 0)
    failed.push({
      rule: 'characters',
      message: `Contains ${refused.slice(0, 3).map(nameOf).join(', ')}${refused.length > 3 ? ' and more' : ''}, which Microsoft does not accept: use English letters, digits, spaces and the symbols on a US keyboard.`,
    });
  const kinds = KINDS.filter((k) => k.test.test(password));
  if (kinds.length < 3)
    failed.push({
      rule: 'classes',
      message: `Needs 3 of these 4: lower case, upper case, digits, symbols (this has ${kinds.length === 0 ? 'none' : kinds.map((k) => k.name).join(' and ')}).`,
    });
  return failed;
}

const KINDS = [
  { name: 'lower case', test: /[a-z]/ },
  { name: 'upper case', test: /[A-Z]/ },
  { name: 'digits', test: /\d/ },
  // A space counts as a symbol in Entra's list.
  { name: 'symbols', test: /[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/ },
];

/** A refused character as the agent can recognise it ("é", "a tab"). */
function nameOf(c: string): string {
  if (c === '\t') return 'a tab';
  if (c === '\u00a0') return 'a non-breaking space';
  if (/^[\p{Cc}\p{Cf}\p{Z}]$/u.test(c))
    return `an invisible character (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  return `“${c}”`;
}

/** Resetline's rule: a space at either end is invisible when read out and often a paste slip. */
function edgeSpace(password: string): Failure[] {
  const starts = password.startsWith(' ');
  const ends = password.endsWith(' ') && password.trim() !== '';
  if (!starts && !ends) return [];
  const where = starts && ends ? 'Starts and ends' : starts ? 'Starts' : 'Ends';
  return [
    {
      rule: 'edge-space',
      message: `${where} with a space: Microsoft accepts spaces, but one at ${starts && ends ? 'either end' : starts ? 'the start' : 'the end'} is easily lost when the password is read out or pasted. Remove it.`,
    },
  ];
}

// ---- the caller's own name ---------------------------------------------------------------------

interface Personal {
  token: string;
  what: string;
}

/** The parts of the caller's name, user name and email address a password must not contain. */
function personalTokens(owner: PasswordOwner): Personal[] {
  const out: Personal[] = [];
  const add = (value: string | null | undefined, what: string, split: RegExp) => {
    if (!value) return;
    const lower = value.toLowerCase();
    for (const part of [lower, ...lower.split(split)]) {
      if (part.length >= MIN_PERSONAL && !out.some((p) => p.token === part)) out.push({ token: part, what });
    }
  };
  add(owner.givenName, "the caller's name", /[^\p{L}]+/u);
  add(owner.surname, "the caller's name", /[^\p{L}]+/u);
  add(owner.displayName, "the caller's name", /[^\p{L}]+/u);
  add(owner.userPrincipalName.split('@')[0], "the caller's user name", /[._\-+]+/);
  add(owner.mail?.split('@')[0], "the caller's email address", /[._\-+]+/);
  return out;
}

/** zxcvbn's user inputs: every part of the name, the user name and the email address, whole too. */
export function ownerInputs(owner: PasswordOwner): string[] {
  const whole = [owner.displayName, owner.userPrincipalName, owner.mail, owner.givenName, owner.surname];
  return [...new Set([...whole.filter((v): v is string => !!v), ...personalTokens(owner).map((p) => p.token)])];
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** The password as read with the usual substitutions undone ("Al3x" → "alex"), separators dropped. */
function readings(password: string): string[] {
  const lower = password.toLowerCase();
  const leet = [...lower].map((c) => LEET[c] ?? c).join('');
  const leetI = leet.replace(/l/g, (m, i: number) => (lower[i] === '1' ? 'i' : m));
  return [...new Set([lower, leet, leetI].flatMap((r) => [r, r.replace(/[^\p{L}\d]+/gu, '')]))];
}

function personal(password: string, owner: PasswordOwner | null): Failure[] {
  if (!owner) return [];
  const texts = readings(password);
  // The longest part found names it best ("meganb" rather than "megan").
  const hit = personalTokens(owner)
    .filter((p) => texts.some((t) => t.includes(p.token)))
    .sort((a, b) => b.token.length - a.token.length)[0];
  return hit
    ? [
        {
          rule: 'personal',
          message: `Contains ${hit.what} (“${hit.token}”): choose something unrelated to the caller.`,
        },
      ]
    : [];
}

// ---- the check -------------------------------------------------------------------------------

/** Every rule but zxcvbn's: Entra's, the spaces at either end, the caller's name. */
export function ruleFailures(password: string, owner: PasswordOwner | null = null): Failure[] {
  return [...entraRules(password), ...edgeSpace(password), ...personal(password, owner)];
}

export function checkPassword(password: string, owner: PasswordOwner | null = null): PasswordCheck {
  const result: ZxcvbnResult = checker().check(password, owner ? ownerInputs(owner) : []);
  const failed = ruleFailures(password, owner);
  if (result.score < MIN_SCORE)
    failed.push({
      rule: 'guessable',
      message: [
        `Too easy to guess: strength ${result.score} of 4, ${MIN_SCORE} needed.`,
        result.feedback.warning ?? '',
        ...result.feedback.suggestions,
      ]
        .filter(Boolean)
        .join(' '),
    });
  return {
    acceptable: failed.length === 0,
    score: result.score,
    warning: result.feedback.warning ?? null,
    suggestions: [...result.feedback.suggestions],
    failed,
  };
}
