// One ingest run: the report stream and the /users stream read concurrently (each page stored with
// its next link, so a resume continues), or for the $batch fallback the /users stream and then each
// user's methods. On completion the staging run becomes the current snapshot in one transaction; a
// cancelled or failed run leaves the current snapshot untouched.
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type BetterSqlite3 from 'better-sqlite3';
import type { AuthMethodPolicyEntry } from '../../../shared/policy';
import type { IngestProgress, SnapshotSource } from '../../../shared/registration';
import { ResetlineError } from '../../../shared/result';
import type { SsprRecord } from '../../../shared/settings';
import { mapGraphError } from '../graph/errors';
import { createLogger } from '../log';
import {
  BATCH_SIZE,
  countUsers,
  directoryUsersPage,
  registrationReportPage,
  REQUESTS_PER_USER,
  type GraphPage,
  type Throttle,
} from '../graph/registration';
import { FALLBACK_CONCURRENCY, FallbackItemError, fallbackRows } from './fallback';
import { fromReport, fromUser } from './fromGraph';
import {
  abandonRun,
  countRows,
  promoteRun,
  RegistrationWriter,
  setTotalUsers,
  type DirectoryUserRow,
  type RunRow,
} from './store';

const log = createLogger('registration');

/** Commit queued pages once this many rows wait, or this long after the last commit. */
const FLUSH_ROWS = 10_000;
const FLUSH_MS = 1_000;

export const LICENCE_MESSAGE =
  'The registration report needs Microsoft Entra ID P1 or P2, which this tenant does not have. ' +
  'Resetline can build the same table from each user’s methods instead (the $batch fallback): slower, ' +
  'and its capability flags are derived from the methods and the authentication methods policy.';

export interface IngestDeps {
  db: BetterSqlite3.Database;
  client: Client;
  /** The authentication methods policy (fallback's capability flags); null when unknown. */
  policy: () => readonly AuthMethodPolicyEntry[] | null;
  /** The SSPR policy as the admin recorded it (Graph cannot read it); null when not recorded. */
  sspr?: () => SsprRecord | null;
  now: () => number;
  concurrency?: number;
}

export class IngestJob {
  readonly progress: IngestProgress;
  readonly done: Promise<void>;
  private readonly abort = new AbortController();
  private readonly writer: RegistrationWriter;
  /** Pages read but not yet committed: written together, so a commit's fsync is paid once per batch. */
  private buffered: (() => void)[] = [];
  private bufferedRows = 0;
  private lastFlush = 0;

  constructor(
    private readonly deps: IngestDeps,
    private readonly run: RunRow,
  ) {
    this.writer = new RegistrationWriter(deps.db);
    this.progress = {
      source: run.source,
      state: 'running',
      processed: 0,
      total: run.total_users,
      startedAt: new Date(deps.now()).toISOString(),
      finishedAt: null,
      throttledWaits: 0,
      resumable: false,
      error: null,
    };
    this.done = this.execute();
  }

  get runId(): number {
    return this.run.id;
  }

  get source(): SnapshotSource {
    return this.run.source;
  }

  cancel(): void {
    if (this.progress.state === 'running') this.abort.abort();
  }

  snapshot(): IngestProgress {
    const p = this.progress;
    return { ...p, error: p.error ? { ...p.error } : null };
  }

  /**
   * Queues one page's write (its rows and its stream's next link, still one unit) and commits the
   * queue in ONE transaction when it is big or old enough. A crash loses at most the queue: its
   * pages are read again from the last committed links.
   */
  private enqueue(write: () => void, rows: number): void {
    this.buffered.push(write);
    this.bufferedRows += rows;
    if (this.bufferedRows >= FLUSH_ROWS || this.deps.now() - this.lastFlush >= FLUSH_MS) this.flush();
  }

  private flush(): void {
    const writes = this.buffered;
    this.buffered = [];
    this.bufferedRows = 0;
    this.lastFlush = this.deps.now();
    if (writes.length > 0) this.deps.db.transaction(() => writes.forEach((w) => w()))();
  }

  private throttle(): Throttle {
    return { signal: this.abort.signal, onWait: () => (this.progress.throttledWaits += 1) };
  }

  private async execute(): Promise<void> {
    const { db } = this.deps;
    this.progress.processed = countRows(db, this.run.id);
    try {
      const t = this.throttle();
      if (this.run.total_users === null) {
        this.progress.total = await countUsers(this.deps.client, t);
        setTotalUsers(db, this.run.id, this.progress.total);
      }
      if (this.run.source === 'report') {
        // The two streams run side by side: the ingest takes about as long as the longer one.
        await Promise.all([this.reportStream(t), this.usersStream(t)]);
      } else {
        await this.usersStream(t);
        await this.fallbackStream(t);
      }
      this.flush();
      if (this.abort.signal.aborted) throw new CancelledError();
      promoteRun(db, this.run.id, this.deps.now());
      this.progress.processed = countRows(db, this.run.id);
      this.progress.state = 'done';
    } catch (error) {
      this.abort.abort();
      // Whole pages read before the stop are kept for the resume.
      try {
        this.flush();
      } catch (flushError) {
        log.error('could not store the last pages', { error: flushError });
      }
      if (error instanceof CancelledError) {
        this.progress.state = 'cancelled';
        this.progress.resumable = true;
      } else {
        const e =
          error instanceof FallbackItemError
            ? mapGraphError({ statusCode: error.status, body: error.body, message: error.message })
            : mapGraphError(error);
        this.progress.state = 'failed';
        if (e.code === 'licence_required') {
          // Nothing of this run is worth keeping: the report will not answer in this tenant.
          abandonRun(db, this.run.id);
          this.progress.error = { code: e.code, message: LICENCE_MESSAGE };
        } else {
          if (!(e instanceof ResetlineError) || e.code === 'internal' || e.code === 'network')
            log.error('ingest failed', { error });
          this.progress.resumable = true;
          this.progress.error = { code: e.code, message: e.message };
        }
      }
    } finally {
      this.progress.finishedAt = new Date(this.deps.now()).toISOString();
    }
  }

  private async reportStream(t: Throttle): Promise<void> {
    if (this.run.report_done) return;
    // null: the first page; then each page's next link until the last page.
    let next: string | null = this.run.report_next;
    do {
      if (this.abort.signal.aborted) throw new CancelledError();
      const page: GraphPage<MicrosoftGraph.UserRegistrationDetails> = await registrationReportPage(
        this.deps.client,
        next,
        t,
      ).catch((error: unknown) => {
        this.abort.abort();
        throw error;
      });
      if (this.abort.signal.aborted) throw new CancelledError();
      const rows = page.value.map(fromReport);
      this.enqueue(() => this.writer.writeRows(this.run.id, rows, page.next), rows.length);
      this.progress.processed += rows.length;
      next = page.next;
    } while (next);
  }

  private async usersStream(t: Throttle): Promise<void> {
    if (this.run.users_done) return;
    let next: string | null = this.run.users_next;
    do {
      if (this.abort.signal.aborted) throw new CancelledError();
      const page: GraphPage<MicrosoftGraph.User> = await directoryUsersPage(this.deps.client, next, t).catch(
        (error: unknown) => {
          this.abort.abort();
          throw error;
        },
      );
      if (this.abort.signal.aborted) throw new CancelledError();
      const users = page.value.map(fromUser);
      this.enqueue(() => this.writer.writeUsers(this.run.id, users, page.next), users.length);
      next = page.next;
    } while (next);
  }

  /** Users still without a row, in id order; a resume picks up exactly the ones not done. */
  private async fallbackStream(t: Throttle): Promise<void> {
    const { db } = this.deps;
    const perBatch = Math.floor(BATCH_SIZE / REQUESTS_PER_USER);
    const concurrency = this.deps.concurrency ?? FALLBACK_CONCURRENCY;
    const pending = db.prepare(
      `SELECT u.user_id AS userId, u.upn AS userPrincipalName, u.display_name AS displayName, u.department,
         u.user_type AS userType, u.account_enabled AS accountEnabled
       FROM registration_users u
       WHERE u.snapshot_id = @run AND u.user_id > @after
         AND NOT EXISTS (SELECT 1 FROM registration_staging s WHERE s.snapshot_id = @run AND s.user_id = u.user_id)
       ORDER BY u.user_id LIMIT @limit`,
    );
    const policy = this.deps.policy();
    const sspr = this.deps.sspr?.() ?? null;
    let after = '';
    for (;;) {
      if (this.abort.signal.aborted) throw new CancelledError();
      // The query below skips users with a stored row: what is queued must be stored first.
      this.flush();
      const users = (
        pending.all({ run: this.run.id, after, limit: perBatch * concurrency }) as (Omit<
          DirectoryUserRow,
          'accountEnabled' | 'passwordChangedAt' | 'neverExpires' | 'onPremises'
        > & { accountEnabled: number | null })[]
      ).map((u): DirectoryUserRow => ({
        ...u,
        accountEnabled: u.accountEnabled === null ? null : u.accountEnabled === 1,
        passwordChangedAt: null,
        neverExpires: false,
        onPremises: false,
      }));
      if (users.length === 0) return;
      after = users[users.length - 1]!.userId;
      const chunks: DirectoryUserRow[][] = [];
      for (let i = 0; i < users.length; i += perBatch) chunks.push(users.slice(i, i + perBatch));
      await Promise.all(
        chunks.map(async (chunk) => {
          const rows = await fallbackRows(this.deps.client, chunk, policy, t, sspr);
          if (this.abort.signal.aborted) return;
          this.enqueue(() => this.writer.writeRows(this.run.id, rows, null, false), rows.length);
          this.progress.processed += rows.length;
        }),
      ).catch((error: unknown) => {
        this.abort.abort();
        throw error;
      });
    }
  }
}

class CancelledError extends Error {
  constructor() {
    super('The ingest was cancelled.');
    this.name = 'CancelledError';
  }
}
