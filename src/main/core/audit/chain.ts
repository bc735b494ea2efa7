// The hash chain: how a row's hash is computed, and the walk that checks every link.
// hash(n) = SHA-256(hash(n−1) ‖ canonical(n)), where canonical(n) includes the row's id and time,
// so an edited, deleted, reordered or re-numbered row breaks the chain at that row; the anchor
// (last id + last hash) catches rows cut off the tail. Signed checkpoints (checkpoints.ts) catch
// what the chain alone cannot: a rewrite that recomputed every link and the anchor.
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditCheckpointRef, AuditVerifyOptions, AuditVerifyResult } from '../../../shared/audit';
import {
  checkpointName,
  checkpointRef,
  checkpointsFrom,
  countCheckpoints,
  isSigned,
  lastVerifiedCheckpoint,
  signCheckpoint,
  type CheckpointRow,
} from './checkpoints';
import type { CheckpointSigner } from './key';
import type { AuditContent } from './rows';
import { cached, GENESIS_HASH, hasTenantColumn, SELECT_ANCHOR, type AnchorRow } from './statements';
import { auditTrail } from './trail';

type Db = BetterSqlite3.Database;

export { GENESIS_HASH };

/** Bumping this tag would be a new chain format; old rows keep verifying under the old one. */
const FORMAT = 'resetline-audit-v1';
/**
 * v1 plus the row's tenant. A row without a tenant is hashed as v1, so rows written
 * before it keep verifying; adding, changing or clearing a tenant changes the bytes, so it breaks.
 */
const FORMAT_V2 = 'resetline-audit-v2';

/** The hashed columns after the id, in hashing order (then the tenant, in v2). */
export const CONTENT_COLUMNS = [
  'occurred_at',
  'call_id',
  'agent_upn',
  'agent_id',
  'target_id',
  'target_upn',
  'target_name',
  'action',
  'outcome',
  'verification',
  'ticket_ref',
  'notes',
  'detail',
] as const satisfies readonly (keyof AuditContent)[];

/**
 * A JSON array in a fixed column order: unambiguous (strings are quoted and escaped), and the same
 * bytes from the values written as from the values read back.
 */
export function canonicalContent(id: number, c: AuditContent & { tenant?: string | null }): string {
  const values = CONTENT_COLUMNS.map((k) => c[k]);
  const tenant = c.tenant ?? null;
  return JSON.stringify(tenant === null ? [FORMAT, id, ...values] : [FORMAT_V2, id, ...values, tenant]);
}

export function chainHash(prevHash: Buffer, id: number, content: AuditContent & { tenant?: string | null }): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalContent(id, content), 'utf8').digest();
}

// Raw rows (arrays) in canonical order: [id, ...content, tenant, prev_hash, hash]. Skipping the
// per-row object makes the walk about a fifth faster, which matters at a million rows.
const chainColumns = (tenant: string): string => `id, ${CONTENT_COLUMNS.join(', ')}, ${tenant}, prev_hash, hash`;
const TENANT = CONTENT_COLUMNS.length + 1;
const PREV = CONTENT_COLUMNS.length + 2;
const HASH = CONTENT_COLUMNS.length + 3;
const SELECT_AFTER = `SELECT ${chainColumns('tenant')} FROM audit_events WHERE id > ? ORDER BY id`;
/** Before migration 0070 (tests of older schemas) there is no tenant column: every row is v1. */
const SELECT_AFTER_V1 = `SELECT ${chainColumns('NULL AS tenant')} FROM audit_events WHERE id > ? ORDER BY id`;
const selectAfter = (db: Db, chunk: boolean): string => {
  const sql = hasTenantColumn(db) ? SELECT_AFTER : SELECT_AFTER_V1;
  return chunk ? `${sql} LIMIT ?` : sql;
};
const SELECT_MAX_ID = 'SELECT max(id) AS max_id FROM audit_events';
const SELECT_HASH = 'SELECT hash FROM audit_events WHERE id = ?';

/** The triggers that keep rows and checkpoints append-only: the quick check trusts old rows only while they stand. */
const GUARD_TRIGGERS = [
  'audit_events_no_update',
  'audit_events_no_delete',
  'audit_events_extend_chain',
  'audit_anchor_forward_only',
  'audit_anchor_no_delete',
  'audit_checkpoints_no_update',
  'audit_checkpoints_no_delete',
];
const COUNT_GUARDS = `SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN (${GUARD_TRIGGERS.map(() => '?').join(', ')})`;

function broken(
  rowsChecked: number,
  firstBrokenId: number,
  reason: string,
  checkpoint?: AuditCheckpointRef,
): AuditVerifyResult {
  return { intact: false, rowsChecked, firstBrokenId, reason, ...(checkpoint ? { checkpoint } : {}) };
}

/** Signed checkpoints by the row they vouch for. */
type Vouchers = Map<number, CheckpointRow[]>;

/** The walk's state, fed rows in id order; shared by the one-pass and the chunked verifier. */
class ChainWalk {
  private prev: Buffer;
  lastId: number;
  rows = 0;
  /** The newest row a signed checkpoint confirmed: a rewrite found later began after it. */
  private vouched: number;
  /** Every row a signed checkpoint confirmed, in order. */
  readonly matched: number[] = [];

  constructor(
    start: { id: number; hash: Buffer } = { id: 0, hash: GENESIS_HASH },
    private readonly vouchers: Vouchers = new Map(),
  ) {
    this.prev = start.hash;
    this.lastId = start.id;
    this.vouched = start.id;
  }

  get head(): { id: number; hash: Buffer } {
    return { id: this.lastId, hash: this.prev };
  }

  /** Checks one row; returns the failure, or null when the row links correctly. */
  step(row: unknown[]): AuditVerifyResult | null {
    const id = row[0] as number;
    const prevHash = row[PREV];
    const hash = row[HASH];
    const expectedId = this.lastId + 1;
    if (id !== expectedId) {
      // Ids are consecutive by construction (the insert trigger), so a gap is a deleted row; the
      // first missing id is where the chain stops being the one that was written.
      const range = id - 1 > expectedId ? `rows ${expectedId}–${id - 1} are` : `row ${expectedId} is`;
      return broken(this.rows, expectedId, `${range} missing`);
    }
    this.rows += 1;
    if (!Buffer.isBuffer(prevHash) || !prevHash.equals(this.prev)) {
      return broken(this.rows, id, `row ${id} does not link to the row before it`);
    }
    const canonical =
      row[TENANT] === null
        ? JSON.stringify([FORMAT, ...row.slice(0, TENANT)])
        : JSON.stringify([FORMAT_V2, ...row.slice(0, PREV)]);
    const computed = createHash('sha256').update(this.prev).update(canonical, 'utf8').digest();
    if (!Buffer.isBuffer(hash) || !computed.equals(hash)) {
      return broken(this.rows, id, `row ${id} was changed after it was written`);
    }
    this.prev = hash;
    this.lastId = id;
    return this.vouch(id, hash);
  }

  /** Does every signed checkpoint of row `id` name this hash? */
  vouch(id: number, hash: Buffer): AuditVerifyResult | null {
    for (const c of this.vouchers.get(id) ?? []) {
      if (c.row_hash.equals(hash)) continue;
      const from = this.vouched + 1;
      const range = from < id ? `rows ${from}–${id} were` : `row ${id} was`;
      return broken(
        this.rows,
        from,
        `${range} rewritten outside Resetline: row ${id} no longer matches ${checkpointName(c)}`,
        checkpointRef(c),
      );
    }
    if (this.vouchers.has(id)) {
      this.vouched = id;
      this.matched.push(id);
    }
    return null;
  }

  /** After the last row: does the tail match the anchor, and no checkpoint vouch for a row past it? */
  finish(anchor: AnchorRow | undefined): AuditVerifyResult {
    const { rows, lastId } = this;
    if (!anchor) {
      return broken(rows, lastId + 1, 'the audit anchor is missing, so rows cut from the end cannot be ruled out');
    }
    if (anchor.last_id > lastId) {
      const range =
        anchor.last_id > lastId + 1 ? `rows ${lastId + 1}–${anchor.last_id} are` : `row ${anchor.last_id} is`;
      return broken(rows, lastId + 1, `${range} missing from the end of the trail`);
    }
    if (anchor.last_id < lastId) {
      return broken(rows, anchor.last_id + 1, `row ${anchor.last_id + 1} onwards were added outside Resetline`);
    }
    if (!Buffer.isBuffer(anchor.last_hash) || !anchor.last_hash.equals(this.prev)) {
      return broken(rows, lastId, `row ${lastId} does not match the audit anchor`);
    }
    for (const [rowId, list] of this.vouchers) {
      const c = list[0];
      if (rowId > lastId && c) {
        return broken(
          rows,
          lastId + 1,
          `${checkpointName(c)} vouches for row ${rowId}, but the trail now ends at row ${lastId}: rows were removed from the end`,
          checkpointRef(c),
        );
      }
    }
    return { intact: true, rowsChecked: rows };
  }
}

/** One check's starting point and what it holds the rows against. */
interface Plan {
  walk: ChainWalk;
  signer?: CheckpointSigner;
  /** The quick check: the signed, verified checkpoint it starts after. */
  resumedFrom?: CheckpointRow;
  /** Checkpoints whose signature is not this install's key (left out of the walk). */
  forged: CheckpointRow[];
  /** A key is in use but not one checkpoint is left. */
  gone: boolean;
}

const guardsInPlace = (db: Db): boolean =>
  (cached(db, COUNT_GUARDS)
    .pluck()
    .get(...GUARD_TRIGGERS) as number) === GUARD_TRIGGERS.length;

/**
 * The newest verified checkpoint, if the quick check may start after it: correctly signed, still
 * naming the stored row, and the append-only triggers still in place (a raw edit of an old row has
 * to drop one; a full check finds the row).
 */
function quickStart(db: Db, signer: CheckpointSigner): CheckpointRow | undefined {
  const c = lastVerifiedCheckpoint(db);
  if (!c || !isSigned(signer, c) || !guardsInPlace(db)) return undefined;
  const stored = c.row_id === 0 ? GENESIS_HASH : cached(db, SELECT_HASH).pluck().get(c.row_id);
  return Buffer.isBuffer(stored) && stored.equals(c.row_hash) ? c : undefined;
}

function plan(db: Db, full: boolean): Plan {
  const signer = auditTrail(db)?.signer;
  if (!signer) return { walk: new ChainWalk(), forged: [], gone: false };
  const start = full ? undefined : quickStart(db, signer);
  const vouchers: Vouchers = new Map();
  const forged: CheckpointRow[] = [];
  for (const c of checkpointsFrom(db, start?.row_id ?? 0)) {
    if (!isSigned(signer, c)) forged.push(c);
    else vouchers.set(c.row_id, [...(vouchers.get(c.row_id) ?? []), c]);
  }
  const walk = new ChainWalk(start ? { id: start.row_id, hash: start.row_hash } : undefined, vouchers);
  return { walk, signer, forged, gone: countCheckpoints(db) === 0, ...(start ? { resumedFrom: start } : {}) };
}

/** A signature-less checkpoint: rows after the last genuine one before it are in doubt. */
function forgedResult(p: Plan, rows: number): AuditVerifyResult | null {
  const c = p.forged[0];
  if (!c) return null;
  const before = p.walk.matched.filter((id) => id < c.row_id);
  const from = Math.max(0, ...before, p.resumedFrom?.row_id ?? 0) + 1;
  return broken(
    rows,
    from,
    `${checkpointName(c)} was not signed by this install's key: someone forged or altered it, so rows from ${from} on cannot be trusted`,
    checkpointRef(c),
  );
}

const CHECKPOINTS_GONE =
  "the trail's signed checkpoints were removed from the database, so a rewrite of the whole trail cannot be ruled out";

/** Adds what the checkpoints say to the chain's verdict, and signs an intact head as verified. */
function settle(db: Db, p: Plan, chain: AuditVerifyResult): AuditVerifyResult {
  const trail = auditTrail(db);
  if (!trail?.signing) return chain;
  const state = p.gone ? 'checkpoints-missing' : trail.signing;
  let result = chain;
  if (result.intact && state === 'checkpoints-missing') result = broken(result.rowsChecked, 1, CHECKPOINTS_GONE);
  if (result.intact) result = forgedResult(p, result.rowsChecked) ?? result;
  if (p.resumedFrom) {
    result = { ...result, totalRows: p.walk.lastId, resumedFrom: checkpointRef(p.resumedFrom) };
  }
  result = { ...result, signing: state };
  if (result.intact && p.signer && state === 'active') markVerified(db, p.signer, p.walk.head);
  return result;
}

/** Signs the head a check found intact, so the next check can start there. Best effort. */
function markVerified(db: Db, signer: CheckpointSigner, head: { id: number; hash: Buffer }): void {
  try {
    db.transaction(() => {
      if (lastVerifiedCheckpoint(db)?.row_id !== head.id) signCheckpoint(db, signer, head.id, head.hash, true);
    }).immediate();
  } catch {
    // Another process holds the write lock: the next check simply starts further back.
  }
}

function walkAll(db: Db, p: Plan): AuditVerifyResult {
  // Read first: the connection cannot run another statement while the iterator is open.
  const anchor = cached(db, SELECT_ANCHOR).get() as AnchorRow | undefined;
  const { walk } = p;
  const genesis = walk.vouch(walk.lastId, walk.head.hash);
  if (genesis) return genesis;
  // .iterate() streams: a million rows are checked holding one at a time.
  for (const row of cached(db, selectAfter(db, false)).raw(true).iterate(walk.lastId) as IterableIterator<unknown[]>) {
    const failure = walk.step(row);
    if (failure) return failure;
  }
  return walk.finish(anchor);
}

/**
 * Checks the chain in one read transaction (a consistent snapshot: appends from another
 * connection during the walk are not seen) and names the first row where it breaks.
 * With a signing key registered (configureAuditTrail) this is the quick check unless `full`: it
 * starts after the newest verified signed checkpoint. Without one, or with `full`, every row is read:
 * about 10 s at a million rows on a laptop; see verifyAuditChainAsync for the UI.
 */
export function verifyAuditChain(db: Db, options: AuditVerifyOptions = {}): AuditVerifyResult {
  const { p, chain } = db.transaction(() => {
    const p = plan(db, options?.full === true);
    return { p, chain: walkAll(db, p) };
  })();
  return settle(db, p, chain);
}

export interface VerifyProgress {
  rowsChecked: number;
  /** The rows this check will read (from the anchor when it started), for a progress bar. */
  rowsExpected: number;
}

export interface VerifyAsyncOptions {
  /** Read every row, not only those after the newest verified signed checkpoint. */
  full?: boolean;
  /** Rows per chunk between yields to the event loop. */
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The same check in chunks, yielding between them, so Electron's main process keeps answering
 * IPC while a million rows are verified. Rows appended meanwhile (by this or another connection)
 * are walked too, until the walk meets the anchor; the final comparison runs in one snapshot.
 */
export async function verifyAuditChainAsync(db: Db, opts: VerifyAsyncOptions = {}): Promise<AuditVerifyResult> {
  const chunkRows = opts.chunkRows ?? 20_000;
  const p = db.transaction(() => plan(db, opts.full === true))();
  const { walk } = p;
  const startId = walk.lastId;
  const expected = ((cached(db, SELECT_ANCHOR).get() as AnchorRow | undefined)?.last_id ?? 0) - startId;
  const chunk = cached(db, selectAfter(db, true)).raw(true);
  const genesis = walk.vouch(walk.lastId, walk.head.hash);
  if (genesis) return settle(db, p, genesis);
  for (;;) {
    opts.signal?.throwIfAborted();
    const rows = chunk.all(walk.lastId, chunkRows) as unknown[][];
    for (const row of rows) {
      const failure = walk.step(row);
      if (failure) return settle(db, p, failure);
    }
    opts.onProgress?.({ rowsChecked: walk.rows, rowsExpected: Math.max(expected, walk.rows) });
    if (rows.length === chunkRows) {
      await yieldToEventLoop();
      continue;
    }
    // Looks like the end: confirm it against the anchor in one snapshot, or keep walking if
    // rows arrived since the last chunk.
    const end = db.transaction(() => ({
      anchor: cached(db, SELECT_ANCHOR).get() as AnchorRow | undefined,
      maxId: (cached(db, SELECT_MAX_ID).get() as { max_id: number | null }).max_id ?? 0,
    }))();
    if (end.maxId > walk.lastId) continue;
    return settle(db, p, walk.finish(end.anchor));
  }
}
