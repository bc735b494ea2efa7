// The registration screens' core: one ingest at a time per tenant (start, cancel, resume; agents
// follow it as a job, core/jobs), the table and its figures, a user's drill-down, password age.
import type BetterSqlite3 from 'better-sqlite3';
import type { PolicySnapshot } from '../../../shared/policy';
import {
  IngestStartInput,
  RegistrationListInput,
  PasswordAgeInput,
  type FallbackEstimate,
  type IngestProgress,
  type IngestStartRequest,
  type PasswordAgePage,
  type PasswordAgeRequest,
  type RegistrationListRequest,
  type RegistrationPage,
  type RegistrationStats,
  type RegistrationUserDetail,
} from '../../../shared/registration';
import { ResetlineError } from '../../../shared/result';
import type { AgentSession } from '../auth/session';
import { background } from '../graph/budget';
import { toMethodSummary } from '../graph/callerCard';
import { createLogger } from '../log';
import type { PolicyService } from '../policy/service';
import { getSsprRecord } from '../settings/settings';
import { BATCH_SIZE, countUsers, REQUESTS_PER_USER, USERS_PAGE_SIZE, userMethods } from '../graph/registration';
import { notInCloud } from '../graph/availability';
import { FALLBACK_CONCURRENCY } from './fallback';
import { IngestJob } from './ingest';
import { passwordAgePage, type PasswordAgeContext } from './passwordAge';
import { listRows, ROW_COLUMNS, snapshotStats, toRow, type StoredRow } from './query';
import { abandonRun, countRows, createRun, currentRun, snapshotInfo, stagingRun } from './store';

const log = createLogger('registration');

export interface RegistrationServiceOptions {
  db: BetterSqlite3.Database;
  session: AgentSession;
  policy: PolicyService;
  now?: () => number;
  /** $batch calls in flight at once in the fallback. */
  concurrency?: number;
}

export class RegistrationService {
  private readonly jobs = new Map<string, IngestJob>();
  private readonly now: () => number;

  constructor(private readonly options: RegistrationServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  get db(): BetterSqlite3.Database {
    return this.options.db;
  }

  get session(): AgentSession {
    return this.options.session;
  }

  /**
   * "<cloud>:<tenant id>", as the policy and SSPR caches key their rows: another tenant's snapshot is
   * never shown, and none is shown to a window nobody is signed in to (the handlers check the role).
   */
  tenantKey(): string {
    this.options.session.signedInAgent();
    return this.options.session.tenantKey();
  }

  /** Starts (or resumes) an ingest; the one running already when it has the same source. */
  startIngest(input: IngestStartRequest): IngestJob {
    const { source, resume } = IngestStartInput.parse(input);
    const key = this.tenantKey();
    const running = this.jobs.get(key);
    if (running?.progress.state === 'running') {
      if (running.source !== source) {
        throw new ResetlineError('invalid_input', 'Another ingest is running; cancel it before starting this one.');
      }
      return running;
    }
    notInCloud(
      this.options.session.graphCloud(),
      source === 'batch-fallback' ? 'registration-fallback' : 'registration-report',
    );
    // Background work: low priority, and the reports budget keeps room for the caller flow (graph/budget.ts).
    const client = background(this.options.session.graph());
    const { db } = this.options;
    let run = stagingRun(db, key);
    if (run && (!resume || run.source !== source)) {
      abandonRun(db, run.id);
      run = undefined;
    }
    run ??= createRun(db, key, source, this.now());
    const job = new IngestJob(
      {
        db,
        client,
        policy: () => this.policySnapshot()?.authMethods.value ?? null,
        sspr: () => getSsprRecord(this.options.db),
        now: this.now,
        ...(this.options.concurrency ? { concurrency: this.options.concurrency } : {}),
      },
      run,
    );
    this.jobs.set(key, job);
    void job.done.catch((error: unknown) => log.error('ingest crashed', { error }));
    return job;
  }

  /** The running or last ingest; after a restart, an unfinished one as a resumable "cancelled". */
  getIngest(): IngestProgress | null {
    return this.jobs.get(this.tenantKey())?.snapshot() ?? this.interruptedIngest();
  }

  /** An unfinished ingest no run of the app is working on (it stopped with the app): resumable. */
  interruptedIngest(): IngestProgress | null {
    const key = this.tenantKey();
    if (this.jobs.has(key)) return null;
    const run = stagingRun(this.options.db, key);
    if (!run) return null;
    const at = new Date(run.started_at).toISOString();
    return {
      source: run.source,
      state: 'cancelled',
      processed: countRows(this.options.db, run.id),
      total: run.total_users,
      startedAt: at,
      finishedAt: at,
      throttledWaits: 0,
      resumable: true,
      error: null,
    };
  }

  async cancelIngest(): Promise<IngestProgress | null> {
    const job = this.jobs.get(this.tenantKey());
    if (!job) return this.getIngest();
    job.cancel();
    await job.done;
    return job.snapshot();
  }

  /** Resolves when the current ingest has ended (tests, bench). */
  async settled(): Promise<IngestProgress | null> {
    const job = this.jobs.get(this.tenantKey());
    if (job) await job.done;
    return this.getIngest();
  }

  async estimateFallback(): Promise<FallbackEstimate> {
    const client = this.options.session.graph();
    const t = { signal: new AbortController().signal, onWait: () => undefined };
    const started = performance.now();
    const users = await countUsers(client, t);
    // One round trip measured now stands for this tenant's latency; a batch of 20 reads costs more.
    const roundTrip = Math.max(0.05, (performance.now() - started) / 1000);
    const requests = users * REQUESTS_PER_USER;
    const batches = Math.ceil(requests / BATCH_SIZE);
    const concurrency = this.options.concurrency ?? FALLBACK_CONCURRENCY;
    const userPages = Math.ceil(users / USERS_PAGE_SIZE);
    const estimatedSeconds = Math.ceil(userPages * roundTrip + (batches / concurrency) * roundTrip * 2);
    return { users, requests, batches, concurrency, estimatedSeconds };
  }

  list(input: RegistrationListRequest): RegistrationPage {
    const { query, offset, limit } = RegistrationListInput.parse(input);
    const run = currentRun(this.options.db, this.tenantKey());
    if (!run) return { snapshot: null, total: 0, offset, rows: [] };
    return { snapshot: snapshotInfo(run), offset, ...listRows(this.options.db, run, query, offset, limit) };
  }

  stats(): RegistrationStats {
    const key = this.tenantKey();
    return snapshotStats(this.options.db, currentRun(this.options.db, key), key);
  }

  async getUser(userId: string): Promise<RegistrationUserDetail> {
    const client = this.options.session.graph();
    const run = currentRun(this.options.db, this.tenantKey());
    const row = run ? rowOf(this.options.db, run.id, userId) : null;
    const value = await userMethods(client, userId);
    return {
      row,
      methods: value.map((m) => {
        const s = toMethodSummary(m);
        return { id: s.id, type: s.kind, label: s.label, detail: null, createdAt: s.createdDateTime };
      }),
      fetchedAt: new Date(this.now()).toISOString(),
    };
  }

  async passwordAge(input: PasswordAgeRequest): Promise<PasswordAgePage> {
    const q = PasswordAgeInput.parse(input);
    const ctx = await this.passwordAgeContext();
    const empty = { expired: 0, expiring: 0, ok: 0, 'never-expires': 0, 'on-premises': 0 };
    if (!ctx) return { snapshot: null, total: 0, offset: q.offset, rows: [], counts: empty };
    const page = passwordAgePage(this.options.db, ctx, q);
    return { snapshot: snapshotInfo(currentRun(this.options.db, this.tenantKey())), offset: q.offset, ...page };
  }

  /** The current snapshot with the domains' validity periods (fetched once if the policy cache has none). */
  async passwordAgeContext(): Promise<PasswordAgeContext | null> {
    const run = currentRun(this.options.db, this.tenantKey());
    if (!run) return null;
    let domains = this.policySnapshot()?.domains.value ?? null;
    if (domains === null) {
      try {
        domains = (await this.options.policy.refreshAndGet()).snapshot.domains.value;
      } catch (error) {
        log.warn('domains policy unavailable; using Graph’s default validity', { error });
      }
    }
    return { snapshotId: run.id, domains, now: this.now() };
  }

  private policySnapshot(): PolicySnapshot | null {
    try {
      return this.options.policy.get().snapshot;
    } catch {
      return null;
    }
  }
}

function rowOf(db: BetterSqlite3.Database, snapshotId: number, userId: string) {
  const r = db
    .prepare(`SELECT ${ROW_COLUMNS} FROM registration_snapshot s WHERE s.snapshot_id = ? AND s.user_id = ?`)
    .get(snapshotId, userId) as StoredRow | undefined;
  return r ? toRow(r) : null;
}
