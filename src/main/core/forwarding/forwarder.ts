// Sends the audit trail (rows and signed checkpoints) to Azure Monitor Logs in order, in batches under the
// call limit (batch.ts), through LogsIngestionClient with one upload at a time. A batch counts as sent
// only after the service answered 2xx; until then it is sent again (at least once: RecordId is the
// row's chain hash, so the reader drops duplicates). Failures wait (failures.ts) and are kept as status.
import type BetterSqlite3 from 'better-sqlite3';
import type { ForwardingConfig, ForwardingStatus } from '../../../shared/forwarding';
import { createLogger } from '../log';
import { MAX_CALL_BYTES, sized, takeBatch, type Sized } from './batch';
import { classifyFailure, DEFAULT_BACKOFF, type Backoff } from './failures';
import { destinationKey, Outbox } from './outbox';
import { checkpointRecord, eventRecord, type ForwardedRecord } from './records';

const log = createLogger('forwarding');

/** What the forwarder needs of LogsIngestionClient (the real client is given; see clients.ts). */
export interface Uploader {
  upload(
    ruleId: string,
    streamName: string,
    logs: Record<string, unknown>[],
    options?: { maxConcurrency?: number; abortSignal?: AbortSignal },
  ): Promise<void>;
}

export interface ForwarderOptions {
  db: BetterSqlite3.Database;
  config: ForwardingConfig;
  /** The outbox's key for this destination (default destinationKey(config)); the demo's stays the same across restarts. */
  destination?: string;
  client: Uploader;
  /** This PC's name in the team view (the Desk column). */
  desk: string;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  backoff?: Backoff;
  /**
   * Least time between two calls. The limit is 12,000 requests/minute per DCR (service-limits.md, "Logs
   * Ingestion API"), shared by every desk; 100 ms keeps one desk at 600/minute, a twentieth of it.
   */
  minGapMs?: number;
  maxCallBytes?: number;
  /** Rows read from the database per batch at most. */
  readLimit?: number;
}

export type SendResult =
  | { kind: 'idle' }
  | { kind: 'sent'; records: number; bytes: number; lastEventId: number }
  | { kind: 'failed'; retryInMs: number; message: string }
  | { kind: 'blocked'; message: string };

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

interface Pending extends Sized {
  eventId: number;
  checkpointId: number;
}

export class AuditForwarder {
  private readonly outbox: Outbox;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly backoff: Backoff;
  private attempt = 0;
  private lastCallAt = 0;
  private loop: { abort: AbortController; done: Promise<void> } | null = null;

  constructor(private readonly opts: ForwarderOptions) {
    this.outbox = new Outbox(opts.db, opts.destination ?? destinationKey(opts.config));
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? defaultSleep;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
  }

  status(): ForwardingStatus {
    return outboxStatus(this.outbox);
  }

  /** The next records in trail order: each checkpoint right after the row it vouches for. */
  private pending(): Pending[] {
    const w = this.outbox.watermark();
    const limit = this.opts.readLimit ?? 2_000;
    const events = this.outbox.events(w.sentEventId, limit);
    const lastEvent = events.at(-1)?.id ?? w.sentEventId;
    // Checkpoints vouch for rows already written; one for a row beyond this read waits for its row.
    const checkpoints = this.outbox.checkpoints(w.sentCheckpointId, limit).filter((c) => c.row_id <= lastEvent);
    const tenant = events.at(-1)?.tenant ?? null;
    const items: (Pending & { order: [number, number, number] })[] = [];
    let eventId = w.sentEventId;
    let checkpointId = w.sentCheckpointId;
    const merged = [
      ...events.map((e) => ({ order: [e.id, 0, e.id] as [number, number, number], e })),
      ...checkpoints.map((c) => ({ order: [c.row_id, 1, c.id] as [number, number, number], c })),
    ].sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);
    for (const m of merged) {
      let record: ForwardedRecord;
      if ('e' in m) {
        eventId = m.e.id;
        record = eventRecord(m.e, this.opts.desk);
      } else {
        checkpointId = Math.max(checkpointId, m.c.id);
        record = checkpointRecord(m.c, this.opts.desk, tenant);
      }
      items.push({ ...sized(record), eventId, checkpointId, order: m.order });
    }
    return items;
  }

  /** One call at most: the next batch, sent and (on 2xx) marked. */
  async sendOnce(signal?: AbortSignal): Promise<SendResult> {
    const items = this.pending();
    if (items.length === 0) return { kind: 'idle' };
    const batch = takeBatch(items, this.opts.maxCallBytes ?? MAX_CALL_BYTES) as Pending[];
    const last = batch.at(-1);
    if (!last) {
      // One record over the limit: never sent (the service would refuse it), and nothing overtakes it.
      const message =
        'An audit record is larger than Azure Monitor accepts in one call; forwarding is held at it. Contact your administrator.';
      this.outbox.recordFailure(message, this.now(), null);
      return { kind: 'blocked', message };
    }
    const gap = (this.opts.minGapMs ?? 100) - (this.now() - this.lastCallAt);
    if (gap > 0) await this.sleep(gap, signal);
    this.lastCallAt = this.now();
    const bytes = batch.reduce((n, s) => n + s.bytes, 2) + batch.length - 1;
    try {
      await this.opts.client.upload(
        this.opts.config.dcrImmutableId,
        this.opts.config.streamName,
        batch.map((s) => s.record as unknown as Record<string, unknown>),
        { maxConcurrency: 1, ...(signal ? { abortSignal: signal } : {}) },
      );
    } catch (error) {
      const failure = classifyFailure(error, this.attempt++, this.backoff, this.now());
      log.warn('forwarding failed', { status: failure.status, retryInMs: failure.retryInMs });
      this.outbox.recordFailure(failure.message, this.now(), this.now() + failure.retryInMs);
      return { kind: 'failed', retryInMs: failure.retryInMs, message: failure.message };
    }
    this.attempt = 0;
    this.outbox.markSent(last.eventId, last.checkpointId, this.now());
    return { kind: 'sent', records: batch.length, bytes, lastEventId: last.eventId };
  }

  /**
   * Sends until nothing is pending. A failure waits its retry time and goes on, unless `untilFailure`
   * (then it returns the failure). Stops early when the signal aborts.
   */
  async drain(options: { signal?: AbortSignal; untilFailure?: boolean } = {}): Promise<SendResult> {
    let last: SendResult = { kind: 'idle' };
    while (!options.signal?.aborted) {
      const r = await this.sendOnce(options.signal);
      if (r.kind === 'idle') return last.kind === 'sent' || last.kind === 'idle' ? last : r;
      if (r.kind === 'blocked') return r;
      if (r.kind === 'failed') {
        if (options.untilFailure) return r;
        await this.sleep(r.retryInMs, options.signal);
      }
      last = r;
    }
    return last;
  }

  /** Background forwarding: drains, then looks for new rows every `pollMs`. */
  start(pollMs = 5_000): void {
    if (this.loop) return;
    const abort = new AbortController();
    const done = (async () => {
      while (!abort.signal.aborted) {
        try {
          const r = await this.drain({ signal: abort.signal });
          await this.sleep(r.kind === 'blocked' ? this.backoff.capMs : pollMs, abort.signal);
        } catch (error) {
          log.error('forwarding loop failed', { error });
          await this.sleep(this.backoff.capMs, abort.signal);
        }
      }
    })();
    this.loop = { abort, done };
  }

  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = null;
    if (!loop) return;
    loop.abort.abort();
    await loop.done;
  }
}

/** A configured destination's status, read from its outbox (whether or not a forwarder runs now). */
export function outboxStatus(outbox: Outbox): ForwardingStatus {
  const w = outbox.watermark();
  return {
    configured: true,
    lastSentAt: w.lastSentAt,
    lastSentRowId: w.sentEventId,
    backlog: outbox.backlog(),
    lastError: w.lastError,
    lastErrorAt: w.lastErrorAt,
    nextAttemptAt: w.nextAttemptAt,
  };
}

/** The status when no forwarder runs: forwarding not configured. */
export function unconfiguredStatus(): ForwardingStatus {
  return {
    configured: false,
    lastSentAt: null,
    lastSentRowId: 0,
    backlog: 0,
    lastError: null,
    lastErrorAt: null,
    nextAttemptAt: null,
  };
}
