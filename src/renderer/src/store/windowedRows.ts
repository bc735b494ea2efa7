// The one windowed-rows helper of the virtualized tables (History, Registration, Password age): the
// rows of one query held as pages by offset, only the pages around the rows on screen fetched (nearest
// first, a few at a time, so a fast scroll never queues pages nobody looks at any more), each page's
// loading or error state, answers meant for an older query dropped, and the pages farthest from the
// view let go once more than `maxPages` are held. The state lives in the slice (`RowWindow`); the
// viewport and the requests in flight live here, since no component renders them.
import type { Result, ResultError } from '../../../shared/result';
import { settle } from './loadable';

export type PageState<T> =
  { status: 'loading' } | { status: 'ready'; rows: readonly T[] } | { status: 'error'; error: ResultError };

/** The rows of one query as a table needs them: its size, and the pages held by page number. */
export interface RowWindow<T> {
  /** Which query the pages answer (its JSON); '' before the first. */
  key: string;
  /** Rows matching the query: the table's size. */
  total: number;
  pageSize: number;
  pages: Readonly<Record<number, PageState<T>>>;
}

export function emptyRows<T>(pageSize: number): RowWindow<T> {
  return { key: '', total: 0, pageSize, pages: {} };
}

/** The row at `index`, or undefined while its page is loading, failed or not asked for yet. */
export function rowAt<T>(rows: RowWindow<T>, index: number): T | undefined {
  const page = rows.pages[Math.floor(index / rows.pageSize)];
  return page?.status === 'ready' ? page.rows[index % rows.pageSize] : undefined;
}

/** The state of the page `index` falls in (undefined: not asked for yet). */
export function pageOf<T>(rows: RowWindow<T>, index: number): PageState<T> | undefined {
  return rows.pages[Math.floor(index / rows.pageSize)];
}

/** The first failed page's error, for one notice over the table (the rows already shown stay). */
export function rowsError<T>(rows: RowWindow<T>): ResultError | null {
  for (const page of Object.values(rows.pages)) if (page.status === 'error') return page.error;
  return null;
}

export interface WindowedRowsOptions<Q, T> {
  pageSize: number;
  /** Pages held at most (ready or failed); the ones farthest from the view go first. */
  maxPages: number;
  /** Page requests in flight at once. */
  concurrency: number;
  read: () => RowWindow<T>;
  write: (rows: RowWindow<T>) => void;
  fetchPage: (query: Q, offset: number, limit: number) => Promise<Result<readonly T[]>>;
}

export interface WindowedRows<Q, T> {
  /**
   * Shows the answer to `query`: its total, and its first page when it came with the count. The pages
   * of the query shown before are dropped, and so are their answers still on the way.
   */
  reset: (query: Q, total: number, firstPage?: readonly T[]) => void;
  /** The table's viewport shows rows first..last: fetch the pages it misses. */
  show: (first: number, last: number) => void;
  /** Asks again for the failed pages the viewport needs. */
  retry: () => void;
}

export function createWindowedRows<Q, T>(options: WindowedRowsOptions<Q, T>): WindowedRows<Q, T> {
  const { pageSize, maxPages, concurrency, read, write, fetchPage } = options;
  let query: Q | undefined;
  // Bumped by every reset: an answer carrying an older generation is dropped.
  let generation = 0;
  let wanted = { first: 0, last: pageSize - 1 };
  let inFlight = 0;

  const setPages = (change: (pages: Record<number, PageState<T>>) => void): void => {
    const current = read();
    const pages = { ...current.pages };
    change(pages);
    write({ ...current, pages: bound(pages) });
  };

  /** Lets go of the held pages farthest from the view once more than maxPages are held. */
  const bound = (pages: Record<number, PageState<T>>): Record<number, PageState<T>> => {
    const held = Object.keys(pages)
      .map(Number)
      .filter((p) => pages[p]?.status !== 'loading');
    if (held.length <= maxPages) return pages;
    const centre = (wanted.first + wanted.last) / 2 / pageSize;
    held.sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const p of held.slice(0, held.length - maxPages)) delete pages[p];
    return pages;
  };

  /** Starts the missing pages in view, nearest the view's top first, up to `concurrency` at once. */
  const pump = (): void => {
    const rows = read();
    if (query === undefined || rows.total === 0) return;
    const lastPage = Math.floor((rows.total - 1) / pageSize);
    const from = Math.floor(wanted.first / pageSize);
    const to = Math.min(lastPage, Math.floor(wanted.last / pageSize));
    const start: number[] = [];
    for (let p = from; p <= to && inFlight + start.length < concurrency; p++) {
      if (rows.pages[p] === undefined) start.push(p);
    }
    if (start.length === 0) return;
    setPages((pages) => {
      for (const p of start) pages[p] = { status: 'loading' };
    });
    for (const p of start) void fetch(p, query, generation);
  };

  const fetch = async (page: number, q: Q, asked: number): Promise<void> => {
    inFlight++;
    const key = read().key;
    const answer = await settle(() => fetchPage(q, page * pageSize, pageSize));
    // A newer query, or the rows were put back (sign-out): the answer is for rows no longer shown.
    if (asked !== generation || read().key !== key) return;
    inFlight--;
    setPages((pages) => {
      pages[page] = answer.ok ? { status: 'ready', rows: answer.value } : { status: 'error', error: answer.error };
    });
    pump();
  };

  return {
    reset: (next, total, firstPage) => {
      query = next;
      generation++;
      inFlight = 0;
      wanted = { first: 0, last: pageSize - 1 };
      const pages: Record<number, PageState<T>> = {};
      if (firstPage !== undefined) pages[0] = { status: 'ready', rows: firstPage };
      write({ key: JSON.stringify(next), total, pageSize, pages });
      pump();
    },
    show: (first, last) => {
      wanted = { first: Math.max(0, first), last: Math.max(first, last) };
      pump();
    },
    retry: () => {
      setPages((pages) => {
        for (const [p, state] of Object.entries(pages)) if (state.status === 'error') delete pages[Number(p)];
      });
      pump();
    },
  };
}
