// Forwarding the audit trail to Azure Monitor Logs: what an admin configures (off until all three
// ingestion fields are set) and the status main reports. Shapes from MicrosoftDocs/azure-monitor-docs
// articles/azure-monitor/logs/logs-ingestion-api-overview.md ("URI", "Supported tables").
import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `{Endpoint}/dataCollectionRules/{DCR Immutable ID}/streams/{Stream Name}`: a DCE or the DCR's own logs ingestion URL. */
export const ForwardingConfigInput = z
  .object({
    ingestionEndpoint: z
      .string()
      .trim()
      .max(500)
      .refine((v) => /^https:\/\/[^/?#\s]+\/?$/i.test(v), {
        message: "Enter the data collection endpoint or the rule's logs ingestion URL: https:// and a host name only.",
      })
      .transform((v) => v.replace(/\/$/, '')),
    dcrImmutableId: z
      .string()
      .trim()
      .regex(/^dcr-[0-9a-f]{32}$/i, {
        message:
          'Enter the data collection rule\'s immutable id: "dcr-" and 32 letters or digits (from its Overview page).',
      }),
    streamName: z
      .string()
      .trim()
      .regex(/^Custom-[A-Za-z][A-Za-z0-9_]{0,44}$/, {
        message: 'Enter the stream name declared in the rule, such as Custom-ResetlineAudit.',
      }),
    /** The Log Analytics workspace team leads query (Team History); optional for forwarding. */
    workspaceId: z
      .string()
      .trim()
      .regex(GUID, { message: "Enter the workspace id: a GUID (the workspace's Overview page)." })
      .optional(),
  })
  .strict();
export type ForwardingConfig = z.output<typeof ForwardingConfigInput>;

export interface ForwardingStatus {
  /** False until an admin configures forwarding: nothing is sent. */
  configured: boolean;
  /** When the service last accepted a batch (epoch ms), and the last audit row it holds. */
  lastSentAt: number | null;
  lastSentRowId: number;
  /** Audit rows and checkpoints not yet accepted by the service. */
  backlog: number;
  /** The last failure, in words an agent can pass on, and when; cleared by the next accepted batch. */
  lastError: string | null;
  lastErrorAt: number | null;
  /** When the next attempt is due after a failure (epoch ms), or null. */
  nextAttemptAt: number | null;
}

/** `settings:set-forwarding`: a destination to forward to, or `{ off: true }` to stop forwarding. */
export const ForwardingSetInput = z.union([z.object({ off: z.literal(true) }).strict(), ForwardingConfigInput]);
export type ForwardingSetValue = z.output<typeof ForwardingSetInput>;
export type ForwardingSetInputValue = z.input<typeof ForwardingSetInput>;

/** What Settings shows of forwarding: what is in use, where that comes from, and how it is going. */
export interface ForwardingSettingsView {
  /** The destination in use, or null when forwarding is off. */
  config: ForwardingConfig | null;
  /**
   * 'saved': an admin's choice (on or off). 'default': nobody saved one; the demo tenant forwards to its
   * own workspace by default, a real tenant does not forward until an admin configures it.
   */
  source: 'saved' | 'default';
  /** What the form offers when forwarding is off (the demo tenant's own workspace in demo mode), or null. */
  suggested: ForwardingConfig | null;
  /** Who saved the choice and when (ISO 8601), null for the default. */
  savedBy: string | null;
  savedAt: string | null;
  status: ForwardingStatus;
}
