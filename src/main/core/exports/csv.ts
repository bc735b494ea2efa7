// CSV for every export: RFC 4180 cells with a formula-injection guard, and a writer that takes rows
// page by page from any source, waiting for the Writable to drain and yielding to the event loop
// between pages, so a million rows never sit in memory and other channels keep answering.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** Excel opens a UTF-8 CSV as UTF-8 only with a byte-order mark. */
export const CSV_BOM = '\uFEFF';

/** A spreadsheet runs a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null;

/** One RFC 4180 field: quoted when it holds a quote, comma or line break; formula-like text defused with '. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** The export was cancelled; the partial output must be thrown away. */
export class ExportCancelledError extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelledError';
  }
}

export interface WriteCsvOptions {
  signal?: AbortSignal;
  /** After each page, with the rows written so far. */
  onProgress?: (rowsWritten: number) => void;
}

/** A Writable writer that waits for 'drain' (abortable). */
export function drainingWriter(out: Writable, signal?: AbortSignal): (chunk: string) => Promise<void> {
  return async (chunk) => {
    if (!out.write(chunk, 'utf8')) await once(out, 'drain', signal ? { signal } : {});
  };
}

/**
 * Writes the BOM, the header and every page of `pages` as CSV lines. Does not end `out`.
 * Returns the number of rows written.
 */
export async function writeCsvPages<T>(
  out: Writable,
  header: readonly string[],
  pages: Iterable<T[]> | AsyncIterable<T[]>,
  cells: (row: T) => readonly CsvValue[],
  options: WriteCsvOptions = {},
): Promise<number> {
  const write = drainingWriter(out, options.signal);
  await write(CSV_BOM + csvLine(header));
  let written = 0;
  for await (const page of pages) {
    if (options.signal?.aborted) throw new ExportCancelledError();
    let chunk = '';
    for (const row of page) chunk += csvLine(cells(row));
    if (chunk) await write(chunk);
    written += page.length;
    options.onProgress?.(written);
    await yieldToLoop();
  }
  if (options.signal?.aborted) throw new ExportCancelledError();
  return written;
}
