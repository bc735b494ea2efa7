// Signed checkpoints of the chain's head: written on append (every CHECKPOINT_EVERY rows), after a
// check that found the chain intact (verified = 1) and at app close; read back by verify.
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditCheckpointRef } from '../../../shared/audit';
import type { CheckpointSigner } from './key';
import { cached } from './statements';

type Db = BetterSqlite3.Database;

/** Rows appended between two checkpoints at most (one transaction writes one checkpoint at most). */
export const CHECKPOINT_EVERY = 100;

const FORMAT = 'resetline-audit-checkpoint-v1';

export interface CheckpointRow {
  id: number;
  row_id: number;
  row_hash: Buffer;
  signed_at: number;
  verified: number;
  signature: Buffer;
}

const COLUMNS = 'id, row_id, row_hash, signed_at, verified, signature';
const INSERT = `INSERT INTO audit_checkpoints (row_id, row_hash, signed_at, verified, signature) VALUES (?, ?, ?, ?, ?)`;
const SELECT_FROM_ROW = `SELECT ${COLUMNS} FROM audit_checkpoints WHERE row_id >= ? ORDER BY id`;
const SELECT_LAST_VERIFIED = `SELECT ${COLUMNS} FROM audit_checkpoints WHERE verified = 1 ORDER BY id DESC LIMIT 1`;
const SELECT_LAST = `SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY id DESC LIMIT 1`;
const COUNT = 'SELECT count(*) FROM audit_checkpoints';

/** What is signed: everything but the checkpoint's own id (which vouches for nothing). */
function message(rowId: number, rowHash: Buffer, signedAt: number, verified: number): string {
  return JSON.stringify([FORMAT, rowId, rowHash.toString('hex'), signedAt, verified]);
}

export function signCheckpoint(
  db: Db,
  signer: CheckpointSigner,
  rowId: number,
  rowHash: Buffer,
  verified: boolean,
): void {
  const signedAt = Date.now();
  const v = verified ? 1 : 0;
  cached(db, INSERT).run(rowId, rowHash, signedAt, v, signer.sign(message(rowId, rowHash, signedAt, v)));
}

export function isSigned(signer: CheckpointSigner, c: CheckpointRow): boolean {
  return (
    Buffer.isBuffer(c.row_hash) &&
    Buffer.isBuffer(c.signature) &&
    signer.verify(message(c.row_id, c.row_hash, c.signed_at, c.verified), c.signature)
  );
}

/** A forged checkpoint may carry any number as its time: never let that throw. */
function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? 'an unknown time' : date.toISOString();
}

export function checkpointRef(c: CheckpointRow): AuditCheckpointRef {
  return { id: c.id, rowId: c.row_id, signedAt: isoTime(c.signed_at) };
}

/** How verify's messages name a checkpoint (its time travels in AuditCheckpointRef, for the screen to format). */
export const checkpointName = (c: CheckpointRow): string => `signed checkpoint #${c.id}`;

export const countCheckpoints = (db: Db): number => cached(db, COUNT).pluck().get() as number;

export const lastCheckpoint = (db: Db): CheckpointRow | undefined =>
  cached(db, SELECT_LAST).get() as CheckpointRow | undefined;

export const lastVerifiedCheckpoint = (db: Db): CheckpointRow | undefined =>
  cached(db, SELECT_LAST_VERIFIED).get() as CheckpointRow | undefined;

/** Every checkpoint vouching for row `rowId` or later, oldest first. */
export const checkpointsFrom = (db: Db, rowId: number): CheckpointRow[] =>
  cached(db, SELECT_FROM_ROW).all(rowId) as CheckpointRow[];
