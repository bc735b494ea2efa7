// "N things" on screen: one helper in the renderer's formatter, so "Exported 1 rows" cannot come back.
import { describe, expect, it } from 'vitest';
import { formatNumber, plural } from '../../src/renderer/src/format';

describe('plural', () => {
  it('is singular for exactly one and grouped like every other number', () => {
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(0, 'row')).toBe('0 rows');
    expect(plural(2500, 'row')).toBe(`${formatNumber(2500)} rows`);
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });
});
