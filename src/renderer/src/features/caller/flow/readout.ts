// How an agent reads a revealed secret aloud, computed here from the value already on screen (it goes
// nowhere else). A generated passphrase is read as its words, with the numbers digit by digit and the
// symbols named; anything else (a typed password, a Temporary Access Pass) is spelled character by
// character with the NATO alphabet, saying "capital" or "lower" for each letter.

export interface ReadoutPart {
  /** The characters this part reads out. */
  text: string;
  /** What to say. */
  say: string;
}

const NATO = [
  'Alpha',
  'Bravo',
  'Charlie',
  'Delta',
  'Echo',
  'Foxtrot',
  'Golf',
  'Hotel',
  'India',
  'Juliet',
  'Kilo',
  'Lima',
  'Mike',
  'November',
  'Oscar',
  'Papa',
  'Quebec',
  'Romeo',
  'Sierra',
  'Tango',
  'Uniform',
  'Victor',
  'Whiskey',
  'X-ray',
  'Yankee',
  'Zulu',
] as const;

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;

/** Every symbol Entra accepts (printable ASCII), by the name a caller knows. */
const SYMBOLS: Record<string, string> = {
  ' ': 'space',
  '!': 'exclamation mark',
  '"': 'double quote',
  '#': 'hash',
  $: 'dollar sign',
  '%': 'percent sign',
  '&': 'ampersand',
  "'": 'apostrophe',
  '(': 'opening bracket',
  ')': 'closing bracket',
  '*': 'asterisk',
  '+': 'plus sign',
  ',': 'comma',
  '-': 'hyphen',
  '.': 'full stop',
  '/': 'forward slash',
  ':': 'colon',
  ';': 'semicolon',
  '<': 'less-than sign',
  '=': 'equals sign',
  '>': 'greater-than sign',
  '?': 'question mark',
  '@': 'at sign',
  '[': 'opening square bracket',
  '\\': 'backslash',
  ']': 'closing square bracket',
  '^': 'caret',
  _: 'underscore',
  '`': 'backtick',
  '{': 'opening curly brace',
  '|': 'vertical bar',
  '}': 'closing curly brace',
  '~': 'tilde',
};

/** A passphrase as Resetline generates it (src/main/core/reset/passphrase.ts): Word-word-word-47!. */
const PASSPHRASE = /^[A-Z][a-z]+(?:-[a-z]+){2,}-\d+[^A-Za-z0-9]$/;

/** One character as said over the phone: "capital Alpha", "lower bravo", "seven", "hash". */
export function sayCharacter(c: string): string {
  if (/^[A-Z]$/.test(c)) return `capital ${NATO[c.charCodeAt(0) - 65]!}`;
  if (/^[a-z]$/.test(c)) return `lower ${NATO[c.charCodeAt(0) - 97]!.toLowerCase()}`;
  if (/^\d$/.test(c)) return DIGITS[Number(c)]!;
  return SYMBOLS[c] ?? `character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function spell(value: string): ReadoutPart[] {
  return [...value].map((c) => ({ text: c, say: sayCharacter(c) }));
}

function words(value: string): ReadoutPart[] {
  // Words, digit runs and symbols, in order.
  return (value.match(/[A-Za-z]+|\d+|[^A-Za-z\d]/g) ?? []).map((part) => {
    if (/^\d+$/.test(part)) return { text: part, say: [...part].map(sayCharacter).join(' ') };
    if (/^[A-Za-z]+$/.test(part)) {
      const first = part.charAt(0);
      return /^[A-Z]/.test(part)
        ? { text: part, say: `${part.toLowerCase()}, with a capital ${NATO[first.charCodeAt(0) - 65]!}` }
        : { text: part, say: part };
    }
    return { text: part, say: sayCharacter(part) };
  });
}

/** The read-out of a revealed secret: words for a generated passphrase, NATO spelling otherwise. */
export function readOut(secret: { kind: 'password' | 'tap'; value: string }): {
  mode: 'words' | 'spelled';
  parts: ReadoutPart[];
} {
  return secret.kind === 'password' && PASSPHRASE.test(secret.value)
    ? { mode: 'words', parts: words(secret.value) }
    : { mode: 'spelled', parts: spell(secret.value) };
}
