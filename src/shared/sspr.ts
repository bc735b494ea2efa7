// SSPR activity (Entra's directory audits, cached in main): input schemas and result types.
import { z } from 'zod';

export const SSPR_KINDS = [
  'self-service-reset',
  'blocked',
  'registration',
  'unlock',
  'progress',
  'change',
  'admin-reset',
  'other',
] as const;
export type SsprKind = (typeof SSPR_KINDS)[number];

const isoDate = z.iso.datetime({ offset: true });
const range = { from: isoDate, to: isoDate };
const ordered = (f: { from: string; to: string }) => Date.parse(f.from) <= Date.parse(f.to);
const orderMessage = { message: 'The start date must not be after the end date.', path: ['from'] };

export const SsprRangeInput = z.object(range).strict().refine(ordered, orderMessage);

/**
 * The `sspr-refresh` job (shared/jobs.ts): Entra's audit log for the range fetched into main's cache,
 * page by page; its progress is the audit entries received (Graph gives no total in advance).
 */
export const SsprRefreshJobInput = z
  .object({ kind: z.literal('sspr-refresh'), ...range })
  .strict()
  .refine(ordered, orderMessage);

export const SsprListInput = z
  .object({
    ...range,
    activity: z.enum(SSPR_KINDS).optional(),
    userId: z.string().trim().min(1).max(100).optional(),
    cursor: z.string().max(300).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine(ordered, orderMessage);
export type SsprListFilter = z.input<typeof SsprListInput>;

export const SsprUserInput = z.object({ userId: z.string().trim().min(1).max(100) }).strict();

export interface SsprEvent {
  id: string;
  occurredAt: string;
  kind: SsprKind;
  activity: string;
  service: string;
  result: string;
  resultReason: string | null;
  userId: string | null;
  userUpn: string | null;
  userName: string | null;
  actorUpn: string | null;
}

/** A refresh's outcome: also the `sspr-refresh` job's result (`SsprJobResult`, shared/jobs.ts) without its type. */
export interface SsprRefreshResult {
  /** Audit entries received (new or already cached). */
  received: number;
  fetchedAt: string;
}

export interface SsprPage {
  events: SsprEvent[];
  nextCursor: string | null;
  /** When the newest fetch covering the whole range ran; null: never fetched, the list may be incomplete. */
  fetchedAt: string | null;
}

export interface SsprStats {
  /**
   * Per UTC day: successful self-service resets (Entra's log); the helpdesk's resets (Resetline's audit
   * trail, as History counts them: RESET_DEFINITION in shared/audit.ts); successful admin resets in
   * Entra's log by any tool (Resetline included); blocked self-service attempts.
   */
  perDay: { day: string; selfService: number; helpdesk: number; entraAdminResets: number; blocked: number }[];
  fetchedAt: string | null;
}

export interface SsprCallerAttempts {
  userId: string;
  /** Self-service attempts (resets, flow progress, unlocks, blocks) in the last 7 days, newest first. */
  attempts: SsprEvent[];
  /** Since 00:00 UTC today. */
  today: { attempts: number; blocked: boolean; succeeded: boolean };
  fetchedAt: string | null;
  /** Set when the refresh failed and the answer comes from the cache alone. */
  refreshError: { code: string; message: string } | null;
}
