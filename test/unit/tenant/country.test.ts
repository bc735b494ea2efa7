import { describe, expect, it } from 'vitest';
import { needsCountry, TenantCountry } from '../../../src/main/core/tenant/country';
import { agentNamed } from '../../support/agents';

const agent = agentNamed;

describe('the tenant country for phone searches', () => {
  it('is needed only for a number typed without its country code', () => {
    expect(needsCountry('(425) 555-0123')).toBe(true);
    expect(needsCountry('425 555 0123')).toBe(true);
    expect(needsCountry('+1 425 555 0123')).toBe(false);
    expect(needsCountry('0044 20 7946 0958')).toBe(false);
    expect(needsCountry('alex')).toBe(false);
    expect(needsCountry('E-12345')).toBe(false);
  });

  it('is read once per sign-in, again for the next sign-in, and a failed read is tried again', async () => {
    const answers: (string | Error)[] = ['US', 'GB', new Error('403'), 'DE'];
    let reads = 0;
    const country = new TenantCountry(async () => {
      const a = answers[reads++]!;
      if (a instanceof Error) throw a;
      return a as 'US';
    });
    const first = agent('a');
    expect(await country.of(first)).toBe('US');
    expect(await country.of(first)).toBe('US');
    expect(reads).toBe(1);
    const second = agent('b');
    expect(await country.of(second)).toBe('GB');
    const third = agent('c');
    expect(await country.of(third)).toBeUndefined();
    expect(await country.of(third)).toBe('DE');
    expect(reads).toBe(4);
  });
});
