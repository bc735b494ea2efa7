// The query API's `timespan`: an ISO-8601 duration ("PT12H", back from now), or start/end, or
// start/duration (articles/azure-monitor/logs/api/request-format.md, "Query parameters"). Applied to
// TimeGenerated. Omitted: all data.
import type { Row } from './kql';

export class TimespanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimespanError';
  }
}

const DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new TimespanError(`'${text}' is not an ISO-8601 duration.`);
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0)) as [number, number, number, number];
  return ((d * 24 + h) * 60 + min) * 60_000 + s * 1000;
}

function instant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new TimespanError(`'${text}' is not a date.`);
  return ms;
}

export function timespanBounds(timespan: string, now: number): { from: number; to: number } {
  const parts = timespan.split('/');
  if (parts.length === 1) return { from: now - durationMs(timespan), to: now };
  if (parts.length !== 2) throw new TimespanError(`'${timespan}' is not a timespan.`);
  const [a, b] = parts as [string, string];
  if (a.startsWith('P')) {
    const to = instant(b);
    return { from: to - durationMs(a), to };
  }
  if (b.startsWith('P')) {
    const from = instant(a);
    return { from, to: from + durationMs(b) };
  }
  return { from: instant(a), to: instant(b) };
}

export function filterTimespan(rows: readonly Row[], timespan: string | undefined, now: number): readonly Row[] {
  if (!timespan) return rows;
  const { from, to } = timespanBounds(timespan, now);
  return rows.filter((r) => {
    const t = Date.parse(String(r.TimeGenerated));
    return t >= from && t < to;
  });
}
