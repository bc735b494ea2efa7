// History's call timeline and chart aggregates: input schemas and result types.
import { z } from 'zod';
import type { AuditEvent, AuditOutcome, VerificationType } from './audit';

const isoDate = z.iso.datetime({ offset: true });

export const AuditCallInput = z.object({ callId: z.string().trim().min(1).max(200) }).strict();

export const AuditStatsInput = z
  .object({
    from: isoDate,
    to: isoDate,
    agentUpn: z.string().trim().min(1).max(320).optional(),
  })
  .strict()
  .refine((f) => Date.parse(f.from) <= Date.parse(f.to), {
    message: 'The start date must not be after the end date.',
    path: ['from'],
  });
export type AuditStatsFilter = z.input<typeof AuditStatsInput>;

/** Every event of one call, in the order they were recorded. */
export interface CallTimeline {
  callId: string;
  events: AuditEvent[];
}

export interface AuditStats {
  from: string;
  to: string;
  /** Password resets (reset.password rows) per UTC day (YYYY-MM-DD) and outcome; `success` ones are the resets. */
  resetsPerDay: { day: string; outcome: AuditOutcome; count: number }[];
  /** Closed calls whose final verification summary passed or failed each check type. */
  verificationByType: { type: VerificationType; passed: number; failed: number }[];
  /** Calls opened and resets (RESET_DEFINITION in audit.ts) per agent, busiest first. */
  perAgent: { agentUpn: string; calls: number; resets: number }[];
  /** From call.opened to the call's first handover.* (calls opened in the range that reached one). */
  timeToHandover: { calls: number; medianMs: number | null; p90Ms: number | null };
}
