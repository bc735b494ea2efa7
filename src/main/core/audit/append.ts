// Appending to the audit trail: the only write path there is (no update, no delete, by design).
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/audit';
import { chainHash } from './chain';
import { CHECKPOINT_EVERY, signCheckpoint } from './checkpoints';
import { AuditAnchorMissingError } from './errors';
import { toAuditEvent, toContent, type AuditEventInput, type AuditStoredContent } from './rows';
import { cached, hasTenantColumn, SELECT_ANCHOR, type AnchorRow } from './statements';
import { auditTrail } from './trail';

type Db = BetterSqlite3.Database;

const COLUMNS = `id, occurred_at, call_id, agent_upn, agent_id, target_id, target_upn,
    target_name, action, outcome, verification, ticket_ref, notes, detail`;
const INSERT = `INSERT INTO audit_events (${COLUMNS}, tenant, prev_hash, hash) VALUES (${'?, '.repeat(16)}?)`;
/** A database not yet at migration 0070 (tests of older schemas): no tenant column, v1 rows only. */
const INSERT_V1 = `INSERT INTO audit_events (${COLUMNS}, prev_hash, hash) VALUES (${'?, '.repeat(15)}?)`;

const writers = new WeakMap<Db, (contents: AuditStoredContent[]) => number[]>();

function writer(db: Db): (contents: AuditStoredContent[]) => number[] {
  let write = writers.get(db);
  if (!write) {
    const withTenant = hasTenantColumn(db);
    const insert = cached(db, withTenant ? INSERT : INSERT_V1);
    const anchorStmt = cached(db, SELECT_ANCHOR);
    const tx = db.transaction((contents: AuditStoredContent[]): number[] => {
      const anchor = anchorStmt.get() as AnchorRow | undefined;
      if (!anchor) throw new AuditAnchorMissingError();
      let prev = anchor.last_hash;
      let id = anchor.last_id;
      const ids: number[] = [];
      for (const content of contents) {
        id += 1;
        const c = withTenant ? content : { ...content, tenant: null };
        const hash = chainHash(prev, id, c);
        // The schema's triggers check the link and advance the anchor in the same statement.
        // Positional binding: about three times faster than named parameters in better-sqlite3.
        const values = [
          id,
          c.occurred_at,
          c.call_id,
          c.agent_upn,
          c.agent_id,
          c.target_id,
          c.target_upn,
          c.target_name,
          c.action,
          c.outcome,
          c.verification,
          c.ticket_ref,
          c.notes,
          c.detail,
        ];
        if (withTenant) insert.run(...values, c.tenant, prev, hash);
        else insert.run(...values, prev, hash);
        prev = hash;
        ids.push(id);
      }
      // Crossing a multiple of CHECKPOINT_EVERY signs the new head, in the same transaction.
      const signer = auditTrail(db)?.signer;
      if (signer && Math.floor(id / CHECKPOINT_EVERY) > Math.floor(anchor.last_id / CHECKPOINT_EVERY)) {
        signCheckpoint(db, signer, id, prev, false);
      }
      return ids;
    });
    // IMMEDIATE takes the write lock before reading the anchor, so two connections appending at
    // once queue (busy_timeout) instead of both linking to the same tail. Inside a caller's own
    // transaction this runs as a savepoint of it.
    write = (contents) => tx.immediate(contents);
    // Kept once the column exists (columns are never dropped); an older schema is looked at again.
    if (withTenant) writers.set(db, write);
  }
  return write;
}

const tenantOf = (db: Db): string | null => auditTrail(db)?.tenant?.() ?? null;

/** Appends one event and returns it as stored. Durable once this returns (synchronous = FULL). */
export function appendAuditEvent(db: Db, input: AuditEventInput): AuditEvent {
  const content = toContent(input, Date.now(), tenantOf(db));
  const [id] = writer(db)([content]);
  if (id === undefined) throw new Error('audit append returned no id');
  return toAuditEvent({ id, ...content });
}

/** Appends events in order, all or none, in one transaction. Returns their ids. */
export function appendAuditEvents(db: Db, inputs: readonly AuditEventInput[]): number[] {
  const now = Date.now();
  // Validate everything before the write lock is taken: one bad event refuses the batch.
  const tenant = tenantOf(db);
  const contents = inputs.map((input) => toContent(input, now, tenant));
  if (contents.length === 0) return [];
  return writer(db)(contents);
}
