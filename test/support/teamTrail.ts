// Desks forwarding their audit trails to the demo tenant's workspace, for Team History's tests: each desk
// a real audit database (real SQLite, the chain and checkpoints) in a temp folder, sent by the real
// AuditForwarder through the real LogsIngestionClient the caller gives (a signed-in agent's). `resend`
// uploads a desk's rows once more, as an at-least-once retry after a lost answer would. No vitest and no
// session code here: the e2e specs use it with the browser host's own signed-in session.
import type { LogsIngestionClient } from '@azure/monitor-ingestion';
import { appendAuditEvents } from '../../src/main/core/audit';
import type { AuditEventInput } from '../../src/main/core/audit/rows';
import { AuditForwarder } from '../../src/main/core/forwarding/forwarder';
import { eventRecord, type EventRow } from '../../src/main/core/forwarding/records';
import type { ForwardingConfig } from '../../src/shared/forwarding';
import { auditDb } from './auditDb';

export interface TeamTrail {
  /** Appends `events` to the desk's trail (a new desk on first use) and forwards until nothing is pending. */
  forward(desk: string, events: readonly AuditEventInput[]): Promise<void>;
  /** Uploads the desk's rows `fromId`.. again, unchanged (the duplicates at-least-once delivery allows). */
  resend(desk: string, fromId?: number): Promise<number>;
  dispose(): void;
}

export function teamTrail(ingestion: LogsIngestionClient, config: ForwardingConfig): TeamTrail {
  const desks = new Map<string, ReturnType<typeof auditDb>>();
  return {
    forward: async (name, events) => {
      const desk = desks.get(name) ?? auditDb();
      desks.set(name, desk);
      appendAuditEvents(desk.db, events);
      const fwd = new AuditForwarder({ db: desk.db, config, client: ingestion, desk: name, minGapMs: 0 });
      const result = await fwd.drain({ untilFailure: true });
      if (result.kind === 'failed' || result.kind === 'blocked')
        throw new Error(`forwarding failed: ${result.message}`);
    },
    resend: async (name, fromId = 1) => {
      const desk = desks.get(name);
      if (!desk) throw new Error(`no desk ${name}`);
      const rows = desk.db
        .prepare(
          `SELECT id, occurred_at, call_id, agent_upn, agent_id, target_id, target_upn, target_name, action, outcome,
             verification, ticket_ref, notes, detail, tenant, prev_hash, hash FROM audit_events WHERE id >= ? ORDER BY id`,
        )
        .all(fromId) as EventRow[];
      const records = rows.map((r) => eventRecord(r, name) as unknown as Record<string, unknown>);
      await ingestion.upload(config.dcrImmutableId, config.streamName, records);
      return records.length;
    },
    dispose: () => {
      for (const d of desks.values()) d.dispose();
      desks.clear();
    },
  };
}

const MIN = 60_000;

/** One call as a desk's trail holds it: opened, verified, a reset, closed with an outcome, a minute apart. */
export function teamCall(
  id: string,
  at: number,
  who: { agent: string; target: string; name: string },
  extra: {
    outcome?: 'resolved' | 'escalated';
    resetOutcome?: 'success' | 'failure';
    notes?: string;
    ticket?: string;
  } = {},
): AuditEventInput[] {
  const base = { callId: id, agentUpn: who.agent, targetUpn: who.target, targetName: who.name };
  const verification = { required: 1, passed: ['sms' as const], failed: ['knowledge' as const] };
  return [
    { ...base, occurredAt: at, action: 'call.opened', outcome: 'info' },
    { ...base, occurredAt: at + MIN, action: 'verify.challenge-passed', outcome: 'success', verification },
    {
      ...base,
      occurredAt: at + 2 * MIN,
      action: 'reset.password',
      outcome: extra.resetOutcome ?? 'success',
      notes: extra.notes ?? null,
      ticketRef: extra.ticket ?? null,
    },
    {
      ...base,
      occurredAt: at + 3 * MIN,
      action: 'call.closed',
      outcome: 'info',
      verification,
      detail: { outcome: extra.outcome ?? 'resolved' },
    },
  ];
}
