// A time as people say it on the phone ("3 min ago"), with the exact time beside it or on hover.
// One shared ticking clock keeps every age on screen current without a timer per element.
import { useSyncExternalStore } from 'react';
import { formatDateTime, formatDateTimeZoned, formatUtc } from '../format';

const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  // React re-reads the snapshot after subscribing, so a newly mounted age is corrected at once even
  // when the clock last ticked long ago (the first ever mount, or after nothing showed an age).
  now = Date.now();
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, re-rendering every 30 s. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

export function relativeTime(iso: string, nowMs: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const diff = ms - nowMs;
  if (Math.abs(diff) < 60_000) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return rtf.format(Math.round(diff / size), unit);
  }
  return rtf.format(Math.round(diff / 60_000), 'minute');
}

/** "3 min ago"; with `exact`, "3 min ago (24 Nov 2026, 21:50:37)"; on hover, the time with its zone and in UTC. */
export function RelativeTime({ iso, exact = false }: { iso: string; exact?: boolean }) {
  const relative = relativeTime(iso, useNow());
  return (
    <time dateTime={iso} title={`${formatDateTimeZoned(iso)} — ${formatUtc(iso)}`}>
      {exact ? `${relative} (${formatDateTime(iso)})` : relative}
    </time>
  );
}
