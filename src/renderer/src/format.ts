// The one place the renderer turns numbers and instants into text, in the agent's own locale (the
// system's, as `undefined` picks it). Each screen picks a shape here instead of building its own
// Intl formatter; a value that is not a date comes back as it was, a missing one as "—".

/** An instant as main sends it (ISO 8601), as epoch milliseconds, or as a Date. */
export type When = string | number | Date;

const MISSING = '—';

const numberFormat = new Intl.NumberFormat();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per set of options, made on first use (building an Intl formatter is not free). */
function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(undefined, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** Epoch milliseconds of an instant; NaN when a string is not a date. */
function msOf(when: When): number {
  return typeof when === 'string' ? Date.parse(when) : typeof when === 'number' ? when : when.getTime();
}

function formatWhen(when: When | null, options: Intl.DateTimeFormatOptions): string {
  if (when === null) return MISSING;
  const ms = msOf(when);
  return Number.isNaN(ms) ? String(when) : dateTimeFormat(options).format(ms);
}

/** A UTC day as main counts them (YYYY-MM-DD), given back as it was when it is not one. */
function formatUtcDay(day: string, options: Intl.DateTimeFormatOptions): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? day : dateTimeFormat({ ...options, timeZone: 'UTC' }).format(ms);
}

/** "1,234" (grouped as the locale groups). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export interface DateOptions {
  /** The calendar day in UTC rather than in the agent's time zone (ranges main counts in UTC days). */
  utc?: boolean;
}

/** "5 Jan 2025" (the locale's medium date); null is "—". */
export function formatDate(when: When | null, options: DateOptions = {}): string {
  return formatWhen(when, options.utc === true ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium' });
}

/** "5 Jan 2025, 14:03:07" (the locale's medium date and medium time); null is "—". */
export function formatDateTime(when: When | null): string {
  return formatWhen(when, { dateStyle: 'medium', timeStyle: 'medium' });
}

export interface TimeOptions {
  /** False for "14:03" (two-digit hour and minute); the default shows seconds, as "14:03:07". */
  seconds?: boolean;
}

/** The time of day only; null is "—". */
export function formatTime(when: When | null, options: TimeOptions = {}): string {
  return formatWhen(
    when,
    options.seconds === false
      ? { hour: '2-digit', minute: '2-digit' }
      : { hour: 'numeric', minute: 'numeric', second: 'numeric' },
  );
}

/** A UTC day as main counts them (YYYY-MM-DD) as "5 Jan": the chart axes. */
export function formatDay(day: string): string {
  return formatUtcDay(day, { day: 'numeric', month: 'short' });
}

/**
 * A count and its noun, singular for exactly one: "1 row", "2,500 rows". `many` defaults to `one`
 * plus "s"; give it for other plurals ("1 entry", "3 entries"). Every "N things" on screen goes here.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/**
 * An instant in the agent's time zone with the zone named: "5 Jan 2025, 14:03:07 CET" (or "GMT+1",
 * as the locale names it; `seconds: false` drops the seconds). The audit screens print this, with
 * formatUtc on hover.
 */
export function formatDateTimeZoned(when: When | null, options: TimeOptions = {}): string {
  return formatWhen(when, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds === false ? {} : { second: '2-digit' }),
    timeZoneName: 'short',
  });
}

/** The time of day with the zone named: "14:03 CET"; null is "—". */
export function formatTimeZoned(when: When | null): string {
  return formatWhen(when, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}

/** An instant in UTC as exports write it, for a hover title: "2025-01-05 13:03:07 UTC"; null is "—". */
export function formatUtc(when: When | null): string {
  if (when === null) return MISSING;
  const ms = msOf(when);
  if (Number.isNaN(ms)) return String(when);
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A UTC day as main counts them (YYYY-MM-DD) with its year, "5 Jan 2025": chart rows and their tables. */
export function formatDayLong(day: string): string {
  return formatUtcDay(day, { dateStyle: 'medium' });
}
