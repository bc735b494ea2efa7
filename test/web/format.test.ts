// The renderer's one number and date formatter: each shape prints what the screens printed before it
// existed (the same Intl options), in the agent's locale, and bad or missing input never throws.
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDateTimeZoned,
  formatDay,
  formatDayLong,
  formatNumber,
  formatTime,
  formatTimeZoned,
  formatUtc,
} from '../../src/renderer/src/format';

const ISO = '2025-01-05T23:30:47Z';
const MS = Date.parse(ISO);

describe('formatNumber', () => {
  it('groups as the locale does, as Number#toLocaleString did', () => {
    expect(formatNumber(1234567)).toBe((1234567).toLocaleString());
    expect(formatNumber(1234567)).toBe(new Intl.NumberFormat().format(1234567));
    expect(formatNumber(0)).toBe('0');
  });
});

describe('formatDate', () => {
  it('is the medium date in the agent’s time zone', () => {
    expect(formatDate(ISO)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(MS));
  });

  it('is the UTC calendar day when asked', () => {
    const utc = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
    expect(formatDate(ISO, { utc: true })).toBe(utc.format(MS));
    expect(formatDate('2025-01-05T00:00:00Z', { utc: true })).toMatch(/\b5\b/);
  });

  it('takes a string, epoch milliseconds or a Date alike', () => {
    expect(formatDate(MS)).toBe(formatDate(ISO));
    expect(formatDate(new Date(MS))).toBe(formatDate(ISO));
  });

  it('shows a missing date as a dash and an unreadable one as it came', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('formatDateTime', () => {
  it('is the medium date and medium time', () => {
    const reference = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    expect(formatDateTime(ISO)).toBe(reference.format(MS));
    expect(formatDateTime(ISO)).not.toBe(formatDate(ISO));
  });

  it('shows a missing instant as a dash and an unreadable one as it came', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatTime', () => {
  it('shows seconds by default, as Date#toLocaleTimeString did', () => {
    expect(formatTime(ISO)).toBe(new Date(ISO).toLocaleTimeString());
    expect(formatTime(ISO)).toMatch(/47/);
  });

  it('shows the two-digit hour and minute only when seconds are off', () => {
    const short = formatTime(ISO, { seconds: false });
    expect(short).toBe(new Date(ISO).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    expect(short).not.toMatch(/47/);
  });

  it('shows an unreadable time as it came', () => {
    expect(formatTime('later')).toBe('later');
  });
});

describe('formatDay', () => {
  it('labels a UTC day with its day and short month, whatever the agent’s time zone', () => {
    const reference = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    expect(formatDay('2025-01-05')).toBe(reference.format(Date.parse('2025-01-05T00:00:00Z')));
    expect(formatDay('2025-01-05')).toMatch(/\b5\b/);
    expect(formatDay('2025-01-05')).not.toMatch(/2025/);
  });

  it('gives back a day it cannot read instead of throwing', () => {
    expect(formatDay('someday')).toBe('someday');
  });
});

describe('times with their zone, and UTC for hover titles', () => {
  it('names the agent’s time zone, as the locale names it', () => {
    const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
      .formatToParts(MS)
      .find((p) => p.type === 'timeZoneName')?.value;
    expect(zone).toBeTruthy();
    expect(formatDateTimeZoned(ISO)).toContain(zone);
    expect(formatDateTimeZoned(ISO, { seconds: false })).toContain(zone);
    expect(formatTimeZoned(ISO)).toContain(zone);
  });

  it('drops the seconds when asked', () => {
    expect(formatDateTimeZoned(ISO)).toMatch(/47/);
    expect(formatDateTimeZoned(ISO, { seconds: false })).not.toMatch(/:47/);
  });

  it('writes UTC the way exports do, whatever the agent’s zone', () => {
    expect(formatUtc(ISO)).toBe('2025-01-05 23:30:47 UTC');
    expect(formatUtc(MS)).toBe('2025-01-05 23:30:47 UTC');
    expect(formatUtc(null)).toBe('—');
    expect(formatUtc('not a date')).toBe('not a date');
  });

  it('writes a UTC day with its year, for chart rows and their tables', () => {
    expect(formatDayLong('2025-01-05')).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2025, 0, 5)),
    );
    expect(formatDayLong('2025-01-05')).toMatch(/2025/);
    expect(formatDayLong('nonsense')).toBe('nonsense');
  });
});
