// Long-running work main does for an agent (CSV exports, the registration snapshot, a password reset
// Microsoft accepted and main follows until it is confirmed, a refresh of the tenant policy, the Self-service
// screen's fetch of Entra's audit log, Team History's CSV) as one concept:
// a job of some kind, started with `jobs:start`, followed with `jobs:get` (or `jobs:list`), stopped
// with `jobs:cancel`. A job belongs to the agent who started it. Input schemas and the job's view.
import { z } from 'zod';
import { AuditListInput } from './audit';
import { CallIdInput } from './caller';
import { IngestStartInput, PasswordAgeInput, RegistrationQueryInput, SNAPSHOT_SOURCES } from './registration';
import { ERROR_CODES, type ResultError } from './result';
import { SsprRefreshJobInput } from './sspr';
import { TeamExportJobInput } from './team';

export const JOB_KINDS = [
  'audit-export',
  'registration-export',
  'password-age-export',
  'registration-ingest',
  'password-writeback',
  'policy-refresh',
  'sspr-refresh',
  'team-export',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** queued: accepted, not yet working (e.g. waiting for the save dialog); the last three are final. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States after which nothing about the job changes any more. */
export const isFinal = (state: JobState): boolean => state === 'done' || state === 'failed' || state === 'cancelled';

/** What to start, by kind. Each kind's fields are the filter of the screen that starts it. */
export const JobStartInput = z.discriminatedUnion('kind', [
  /** History's rows matching the filter, as CSV; its cursor, offset and limit are ignored (every row). */
  z.object({ kind: z.literal('audit-export'), filter: AuditListInput }).strict(),
  /** The registration table as filtered, as CSV. */
  z.object({ kind: z.literal('registration-export'), query: RegistrationQueryInput }).strict(),
  /** The password-age list as filtered, as CSV. */
  z
    .object({ kind: z.literal('password-age-export'), query: PasswordAgeInput.omit({ offset: true, limit: true }) })
    .strict(),
  /** A new registration snapshot (or the resume of an interrupted one). */
  IngestStartInput.extend({ kind: z.literal('registration-ingest') }).strict(),
  /**
   * Following the password reset of a call that Microsoft accepted and has not confirmed (a synced user's
   * writeback). `reset:run` starts it; started again for the same reset it is refused (not_found).
   */
  CallIdInput.extend({ kind: z.literal('password-writeback') }).strict(),
  /**
   * Every part of the tenant policy fetched from Graph again into the cache (`policy:get` answers the
   * cache). One at a time per tenant: started while one runs, it answers the running one.
   */
  z.object({ kind: z.literal('policy-refresh') }).strict(),
  /** Entra's self-service and admin-reset audit entries for the range, fetched into main's cache. */
  SsprRefreshJobInput,
  /** Team History's rows matching the filter (and desk), as CSV: the newest TEAM_EXPORT_MAX of them. */
  TeamExportJobInput,
]);
export type JobStartRequest = z.input<typeof JobStartInput>;
export type JobStartParams = z.output<typeof JobStartInput>;
export type JobParamsOf<K extends JobKind> = Extract<JobStartParams, { kind: K }>;

export const JobIdInput = z.object({ jobId: z.string().trim().min(1).max(100) }).strict();
export const JobListInput = z.object({ kind: z.enum(JOB_KINDS) }).strict();

/** A finished export: its rows and where the file went. */
export const FileJobResult = z
  .object({
    type: z.literal('file'),
    rows: z.number().int().min(0),
    /** Browser host only: GET /download/<token> once (with the session key) to receive the file. */
    downloadToken: z.string().optional(),
    /** Electron only: where the file was saved. */
    path: z.string().optional(),
  })
  .strict();
/** A finished snapshot, now the current one. */
export const SnapshotJobResult = z
  .object({ type: z.literal('snapshot'), source: z.enum(SNAPSHOT_SOURCES), users: z.number().int().min(0) })
  .strict();
/** A password reset Microsoft confirmed: its secret is ready to hand over (`reset:reveal-secret`). */
export const PasswordJobResult = z
  .object({
    type: z.literal('password'),
    secretId: z.string().min(1).max(100),
    /** What to tell the agent ("Password reset confirmed; …"). */
    message: z.string(),
    /** Whether the success row is in the audit trail yet, or waits for a busy database. */
    audit: z.enum(['recorded', 'pending']),
  })
  .strict();
/** A finished policy refresh: how many parts were fetched, and how many kept their last value (each says why). */
export const PolicyJobResult = z
  .object({ type: z.literal('policy'), parts: z.number().int().min(0), failed: z.number().int().min(0) })
  .strict();
/** A finished fetch of Entra's audit log: the entries received (new or already cached) and when the range was fetched. */
export const SsprJobResult = z
  .object({ type: z.literal('sspr'), received: z.number().int().min(0), fetchedAt: z.string() })
  .strict();
export const JobResult = z.discriminatedUnion('type', [
  FileJobResult,
  SnapshotJobResult,
  PasswordJobResult,
  PolicyJobResult,
  SsprJobResult,
]);
export type FileJobResult = z.infer<typeof FileJobResult>;
export type SnapshotJobResult = z.infer<typeof SnapshotJobResult>;
export type PasswordJobResult = z.infer<typeof PasswordJobResult>;
export type PolicyJobResult = z.infer<typeof PolicyJobResult>;
export type SsprJobResult = z.infer<typeof SsprJobResult>;
export type JobResult = z.infer<typeof JobResult>;

/** Figures a kind keeps beside its progress. */
export const JOB_COUNTS = ['throttledWaits'] as const;
export type JobCount = (typeof JOB_COUNTS)[number];

export interface Job {
  id: string;
  kind: JobKind;
  /** What it was started with, defaults filled in. */
  params: JobStartParams;
  state: JobState;
  /** Rows written, users stored…; total null until known. */
  progress: { done: number; total: number | null };
  /** throttledWaits: times Graph said 429/503 and the job waited as told. */
  counts: Partial<Record<JobCount, number>>;
  /** Items per second since this run started (0 until measured). */
  ratePerSecond: number;
  /** null until there is a rate and a total, and once the job is over. */
  etaSeconds: number | null;
  startedAt: string;
  finishedAt: string | null;
  /** Cancelled or failed, and a later start of the same kind continues where this one stopped. */
  resumable: boolean;
  /** done only: what the job produced. */
  result: JobResult | null;
  /** failed only: why, in words for the agent. */
  error: ResultError | null;
}

/**
 * A job as `jobs:get` answers it, as a schema: the `jobs:progress` event's payload (contract.ts), which
 * main checks before sending and the renderer checks on arrival.
 */
export const JobSnapshot = z
  .object({
    id: z.string().min(1).max(100),
    kind: z.enum(JOB_KINDS),
    params: JobStartInput,
    state: z.enum(JOB_STATES),
    progress: z.object({ done: z.number().min(0), total: z.number().min(0).nullable() }).strict(),
    counts: z.object({ throttledWaits: z.number().int().min(0).exactOptional() }).strict(),
    ratePerSecond: z.number(),
    etaSeconds: z.number().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    resumable: z.boolean(),
    result: JobResult.nullable(),
    error: z
      .object({ code: z.enum(ERROR_CODES), message: z.string(), requestId: z.string().exactOptional() })
      .strict()
      .nullable(),
  })
  .strict();

// The schema and the interface describe the same thing: each is assignable to the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const JOB_SNAPSHOT_MATCHES_JOB: Same<z.output<typeof JobSnapshot>, Job> = true;
