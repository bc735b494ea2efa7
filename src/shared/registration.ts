// Registration snapshot: which sign-in methods each user has registered, ingested from
// Entra's userRegistrationDetails report (or, without Entra ID P1, built from each user's methods
// through $batch) into SQLite; the password-age report beside it. Input schemas and result types.
import { z } from 'zod';
import type { ResultError } from './result';
import { SEARCH_MAX_CHARS } from './searchWords';

/** Where a snapshot's rows came from. */
export const SNAPSHOT_SOURCES = ['report', 'batch-fallback'] as const;
export type SnapshotSource = (typeof SNAPSHOT_SOURCES)[number];

/** The table's preset filters (one at a time; method, department and search narrow further). */
export const REGISTRATION_PRESETS = [
  'all',
  'not-sspr-capable',
  'not-mfa-capable',
  'no-methods',
  'admin-not-phishing-resistant',
] as const;
export type RegistrationPreset = (typeof REGISTRATION_PRESETS)[number];

export const REGISTRATION_SORTS = ['displayName', 'userPrincipalName', 'department', 'methodCount'] as const;
export type RegistrationSort = (typeof REGISTRATION_SORTS)[number];

/** What the table shows; also the filter of its CSV export. */
export const RegistrationQueryInput = z
  .object({
    preset: z.enum(REGISTRATION_PRESETS).default('all'),
    /** A `methodsRegistered` value in Graph's spelling (e.g. "microsoftAuthenticatorPush", "fido2"). */
    method: z.string().trim().min(1).max(60).optional(),
    /** Exact department name, as the directory spells it. */
    department: z.string().trim().min(1).max(200).optional(),
    /** Each typed word starts a word of the display name or of the UPN before its @ (any case or accent). */
    search: z.string().trim().min(1).max(SEARCH_MAX_CHARS).optional(),
    sort: z.enum(REGISTRATION_SORTS).default('displayName'),
    descending: z.boolean().default(false),
  })
  .strict();
export type RegistrationQuery = z.input<typeof RegistrationQueryInput>;

/** A window of the current snapshot's rows: the virtualized table asks for the rows it shows. */
export const RegistrationListInput = z
  .object({
    query: RegistrationQueryInput,
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type RegistrationListRequest = z.input<typeof RegistrationListInput>;

export const RegistrationUserInput = z.object({ userId: z.string().trim().min(1).max(100) }).strict();

export const IngestStartInput = z
  .object({
    /** "report" needs Entra ID P1; "batch-fallback" reads each user's methods (slow, stated before it starts). */
    source: z.enum(SNAPSHOT_SOURCES).default('report'),
    /** Continue an interrupted (cancelled, failed, app closed) ingest of the same source where it stopped. */
    resume: z.boolean().default(true),
  })
  .strict();
export type IngestStartRequest = z.input<typeof IngestStartInput>;

export interface SnapshotInfo {
  id: number;
  source: SnapshotSource;
  /** When the ingest finished and the snapshot replaced the previous one. */
  takenAt: string;
  users: number;
}

export interface RegistrationRow {
  userId: string;
  userPrincipalName: string;
  displayName: string;
  department: string | null;
  userType: 'member' | 'guest';
  isAdmin: boolean;
  isSsprRegistered: boolean;
  isSsprEnabled: boolean;
  isSsprCapable: boolean;
  isMfaRegistered: boolean;
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
  /** Graph's `methodsRegistered` vocabulary. */
  methodsRegistered: string[];
  /** userPreferredMethodForSecondaryAuthentication; null when unknown (batch fallback). */
  preferredMethod: string | null;
}

export interface RegistrationPage {
  /** null: no snapshot has been taken yet. */
  snapshot: SnapshotInfo | null;
  /** Rows matching the query in the whole snapshot. */
  total: number;
  offset: number;
  rows: RegistrationRow[];
}

/** A user's drill-down: the snapshot row and their methods as Graph lists them now. */
export interface RegistrationUserDetail {
  row: RegistrationRow | null;
  methods: { id: string; type: string; label: string; detail: string | null; createdAt: string | null }[];
  fetchedAt: string;
}

export interface RegistrationStats {
  snapshot: SnapshotInfo | null;
  total: number;
  ssprCapable: number;
  mfaCapable: number;
  passwordlessCapable: number;
  noMethods: number;
  adminsWithoutPhishingResistant: number;
  /** Users per registered method, most common first. */
  methods: { method: string; users: number }[];
  /** Departments present in the snapshot (for the filter), alphabetical. */
  departments: string[];
  /** One point per completed snapshot, oldest first: the trend across snapshots. */
  trend: { snapshotId: number; takenAt: string; users: number; ssprCapable: number; mfaCapable: number }[];
}

export const INGEST_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export type IngestState = (typeof INGEST_STATES)[number];

/** The ingest's own record of a run (core/registration/ingest.ts); agents see it as a job (jobs.ts). */
export interface IngestProgress {
  source: SnapshotSource;
  state: IngestState;
  /** Users stored in the snapshot being built (resumed rows included). */
  processed: number;
  /** Users in the tenant (`/users/$count`), null until known. */
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  /** Times Graph said 429/503 and the ingest waited as told. */
  throttledWaits: number;
  /** True when a later start with `resume` continues this one rather than beginning again. */
  resumable: boolean;
  /** failed: why. `licence_required` means the tenant lacks Entra ID P1: offer the batch fallback. */
  error: ResultError | null;
}

/** What the $batch fallback will cost, told to the admin before it starts. */
export interface FallbackEstimate {
  users: number;
  /** Graph requests inside the batches (two per user: methods and directory roles) and the $batch calls carrying them (20 each). */
  requests: number;
  batches: number;
  concurrency: number;
  /** A rough duration at the latency measured for this tenant so far. */
  estimatedSeconds: number;
}

export const PASSWORD_AGE_STATES = ['expired', 'expiring', 'ok', 'never-expires', 'on-premises'] as const;
export type PasswordAgeState = (typeof PASSWORD_AGE_STATES)[number];

export const PasswordAgeInput = z
  .object({
    /** "expiring" means: expires within this many days from now. */
    withinDays: z.number().int().min(1).max(365).default(14),
    state: z.enum(PASSWORD_AGE_STATES).optional(),
    department: z.string().trim().min(1).max(200).optional(),
    search: z.string().trim().min(1).max(SEARCH_MAX_CHARS).optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type PasswordAgeRequest = z.input<typeof PasswordAgeInput>;

export interface PasswordAgeRow {
  userId: string;
  userPrincipalName: string;
  displayName: string;
  department: string | null;
  lastPasswordChangeDateTime: string | null;
  /** null when the password never expires or is managed on-premises. */
  expiresAt: string | null;
  /** Negative when already expired. */
  daysLeft: number | null;
  state: PasswordAgeState;
  /** The domain whose validity period applies (the UPN's). */
  domain: string;
  validityDays: number | null;
}

export interface PasswordAgePage {
  snapshot: SnapshotInfo | null;
  total: number;
  offset: number;
  rows: PasswordAgeRow[];
  /** Counts per state for the whole snapshot at this `withinDays` (the tabs' badges). */
  counts: Record<PasswordAgeState, number>;
}
