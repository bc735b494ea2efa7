// The rows of a virtualized list fetched a window at a time: only the windows the viewport needs are
// asked for (after the scroll rests a moment, so a fling across 100,000 rows does not fire a request per
// frame), answers are cached, and the cache is bounded and dropped whenever the query (`version`) changes.
import { useCallback, useEffect, useState } from 'react';
import type { ResultError } from '../../../../shared/result';
import { toResultError } from '../../store/loadable';

const FETCH_DELAY_MS = 40;
const MAX_WINDOWS = 60;

interface Cache<T> {
  version: number;
  windows: Map<number, T[]>;
  pending: Set<number>;
  /** Set when the query changed or the list unmounted: late answers are dropped. */
  dead: boolean;
}

function newCache<T>(version: number, seed: T[] | null): Cache<T> {
  const windows = new Map<number, T[]>();
  if (seed !== null) windows.set(0, seed);
  return { version, windows, pending: new Set(), dead: false };
}

export interface WindowCache<T> {
  rowAt: (index: number) => T | undefined;
  error: ResultError | null;
  retry: () => void;
}

export function useWindowCache<T>(
  version: number,
  /** The first window, already fetched with the total. */
  seed: T[] | null,
  fetchWindow: (offset: number, limit: number) => Promise<{ rows: T[] }>,
  range: { start: number; end: number },
  windowSize: number,
): WindowCache<T> {
  const [, setTick] = useState(0);
  const [error, setError] = useState<ResultError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [cache, setCache] = useState(() => newCache(version, seed));
  // A new query: start over at once (React re-renders before painting the stale rows).
  if (cache.version !== version) setCache(newCache(version, seed));
  useEffect(
    () => () => {
      cache.dead = true;
    },
    [cache],
  );

  useEffect(() => {
    const first = Math.floor(range.start / windowSize);
    const last = Math.floor(Math.max(range.start, range.end) / windowSize);
    const missing: number[] = [];
    for (let w = first; w <= last; w++) if (!cache.windows.has(w) && !cache.pending.has(w)) missing.push(w);
    if (missing.length === 0) return;
    const timer = setTimeout(() => {
      for (const w of missing) {
        cache.pending.add(w);
        fetchWindow(w * windowSize, windowSize).then(
          (page) => {
            cache.pending.delete(w);
            if (cache.dead) return;
            cache.windows.set(w, page.rows);
            evictFarthest(cache, (first + last) / 2);
            setError(null);
            setTick((t) => t + 1);
          },
          (err: unknown) => {
            cache.pending.delete(w);
            if (!cache.dead) setError(toResultError(err));
          },
        );
      }
    }, FETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [cache, fetchWindow, range.start, range.end, windowSize, attempt]);

  const rowAt = useCallback(
    (index: number) => cache.windows.get(Math.floor(index / windowSize))?.[index % windowSize],
    [cache, windowSize],
  );
  const retry = useCallback(() => {
    setError(null);
    setAttempt((a) => a + 1);
  }, []);
  return { rowAt, error, retry };
}

function evictFarthest<T>(cache: Cache<T>, centre: number): void {
  while (cache.windows.size > MAX_WINDOWS) {
    let farthest = -1;
    for (const w of cache.windows.keys())
      if (farthest < 0 || Math.abs(w - centre) > Math.abs(farthest - centre)) farthest = w;
    cache.windows.delete(farthest);
  }
}
