// The read-out of a revealed secret: a generated passphrase read as words (numbers digit by digit,
// symbols by name, the capital said), anything else spelled with the NATO alphabet and "capital" or
// "lower" for every letter.
import { describe, expect, it } from 'vitest';
import { readOut, sayCharacter } from '../../../src/renderer/src/features/caller/flow/readout';

describe('readOut', () => {
  it('reads a generated passphrase as words, digits and named symbols', () => {
    const r = readOut({ kind: 'password', value: 'Maple-river-stone-47!' });
    expect(r.mode).toBe('words');
    expect(r.parts.map((p) => p.say)).toEqual([
      'maple, with a capital Mike',
      'hyphen',
      'river',
      'hyphen',
      'stone',
      'hyphen',
      'four seven',
      'exclamation mark',
    ]);
    expect(r.parts.map((p) => p.text).join('')).toBe('Maple-river-stone-47!');
  });

  it('spells a typed password character by character, with capital and lower', () => {
    const r = readOut({ kind: 'password', value: 'aB3 #x' });
    expect(r.mode).toBe('spelled');
    expect(r.parts.map((p) => p.say)).toEqual([
      'lower alpha',
      'capital Bravo',
      'three',
      'space',
      'hash',
      'lower x-ray',
    ]);
  });

  it('spells a Temporary Access Pass even when it looks like words', () => {
    expect(readOut({ kind: 'tap', value: 'Maple-river-stone-47!' }).mode).toBe('spelled');
    expect(readOut({ kind: 'tap', value: 'k9Q!' }).parts.map((p) => p.say)).toEqual([
      'lower kilo',
      'nine',
      'capital Quebec',
      'exclamation mark',
    ]);
  });

  it('names every symbol Entra accepts, and anything else by its code', () => {
    for (let code = 0x20; code <= 0x7e; code++) {
      const c = String.fromCharCode(code);
      expect(sayCharacter(c), c).not.toMatch(/U\+/);
    }
    expect(sayCharacter('é')).toBe('character U+00E9');
  });
});
