// The demo tenant's outbox: the codes and passwords it "sent" by text and mail, for the demo Outbox panel
// (`demo:list-outbox`). Only in demo mode (the data in use is the demo tenant's) and only for a signed-in
// agent, like every read of tenant data; a real tenant has no outbox to show.
import type Database from 'better-sqlite3';
import type { OutboxItem } from '../../../shared/caller';
import { ResetlineError } from '../../../shared/result';
import type { AgentSession } from '../auth/session';
import { getTenantSettings } from '../settings/settings';

export class DemoOutbox {
  constructor(
    private readonly options: {
      /** The data in use: its tenant settings say whether this is the demo tenant. */
      db: Database.Database;
      session: Pick<AgentSession, 'demoTenant' | 'state'>;
    },
  ) {}

  /** The newest `limit` messages of `kind` (or of both kinds), newest first. */
  list({ kind, limit }: { kind?: 'mail' | 'sms' | undefined; limit: number }): OutboxItem[] {
    const { db, session } = this.options;
    const demo = getTenantSettings(db).cloud === 'demo' ? session.demoTenant() : null;
    if (!demo?.outbox) throw new ResetlineError('forbidden', 'The outbox exists only in demo mode.');
    // The codes and passwords the demo "sent": for a signed-in agent only, like every read (handlers/guards.ts).
    if (session.state().status !== 'signed-in') throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
    return demo.outbox
      .list(kind ? { kind } : {})
      .slice(-limit)
      .reverse()
      .map((m) => ({
        id: m.id,
        kind: m.kind,
        to: m.to,
        from: m.from,
        subject: m.subject ?? null,
        body: m.body,
        at: m.at,
      }));
  }
}
