// What a typed phone number is looked for as: the formats a directory typically stores, read by
// libphonenumber-js, few enough for one Graph $filter; and which texts are searched at all.
import { describe, expect, it } from 'vitest';
import { MAX_PHONE_PREFIXES, phonePrefixes } from '../../../src/main/core/graph/phoneSearch';
import { classifySearch } from '../../../src/main/core/graph/users';
import { hasNoWords, personWords, queryWords, searchWords } from '../../../src/shared/searchWords';

describe('phonePrefixes', () => {
  it('turns any layout of a full number into E.164, Entra’s, international and national forms', () => {
    for (const typed of ['+1 425 555 0100', '+14255550100', '+1 (425) 555-0100', '001 425 555 0100']) {
      expect(phonePrefixes(typed), typed).toEqual(
        expect.arrayContaining(['+14255550100', '+1 4255550100', '+1 425 555 0100', '(425) 555-0100', '4255550100']),
      );
    }
  });

  it('reads a partial number as the start of those forms', () => {
    expect(phonePrefixes('+1 425 555')).toEqual(expect.arrayContaining(['+1425555', '+1 425555', '+1 425 555']));
    expect(phonePrefixes('+44 20 7946')).toEqual(expect.arrayContaining(['+44207946', '+44 207946']));
  });

  it('reads a number without a country code in the tenant’s region, or as typed and with a "+" without one', () => {
    expect(phonePrefixes('(425) 555-0100', 'US')).toEqual(
      expect.arrayContaining(['+14255550100', '+1 4255550100', '+1 425 555 0100']),
    );
    expect(phonePrefixes('020 7946 0958', 'GB')).toEqual(expect.arrayContaining(['+442079460958', '+44 2079460958']));
    const unknownRegion = phonePrefixes('(425) 555-0100');
    expect(unknownRegion).toEqual(expect.arrayContaining(['(425) 555-0100', '4255550100']));
    expect(unknownRegion.some((p) => p.startsWith('+1'))).toBe(false);
    expect(phonePrefixes('1 425 555 0100')).toEqual(expect.arrayContaining(['+14255550100', '+1 4255550100']));
  });

  it('keeps the list short and free of duplicates, and empty without a digit', () => {
    for (const typed of ['+1 425 555 0100', '4255550100', '0044 20 7946 0958', '123']) {
      const got = phonePrefixes(typed, 'US');
      expect(got.length).toBeLessThanOrEqual(MAX_PHONE_PREFIXES);
      expect(new Set(got).size).toBe(got.length);
    }
    expect(phonePrefixes('--')).toEqual([]);
  });
});

describe('what a search text is read as', () => {
  it('classifies phone numbers, ids, addresses and names', () => {
    expect(classifySearch('+1 (425) 555-0100')).toBe('employee-id-or-phone');
    expect(classifySearch('E100003')).toBe('employee-id-or-phone');
    expect(classifySearch('amelia@contoso.com')).toBe('upn-or-mail');
    expect(classifySearch('Amelia Jensen')).toBe('name');
  });

  it('finds no words in emoji or punctuation, and words in any script without case or accents', () => {
    expect(hasNoWords('🙂🙂')).toBe(true);
    expect(hasNoWords('-- ..')).toBe(true);
    expect(hasNoWords('🙂a')).toBe(false);
    expect(searchWords('Zoë ÅBERG zoe.aberg@contoso.com')).toEqual(['zoe', 'aberg', 'contoso', 'com']);
    expect(searchWords('王小明 José')).toEqual(['王小明', 'jose']);
    // A person and a typed search count a UPN up to its "@".
    expect(personWords('Amelia Jensen', 'amelia.jensen@contoso.com')).toEqual(['amelia', 'jensen']);
    expect(personWords('Alex Jensen', 'alex.jensen2_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toEqual([
      'alex',
      'jensen',
      'jensen2',
      'fabrikam',
      'com',
      'ext',
    ]);
    expect(queryWords('amelia.jensen@contoso.com')).toEqual(['amelia', 'jensen']);
  });
});
