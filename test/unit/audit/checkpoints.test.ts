// Signed checkpoints (docs/adr/0004-audit-trail.md): someone holding only the data folder rewrites the trail the way the
// chain allows (edit, recompute every link, reset the anchor). The chain alone calls that intact;
// with this install's key the rewrite is caught and verify names the checkpoint it contradicts.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendAuditEvent,
  appendAuditEvents,
  AUDIT_KEY_FILE,
  AuditKey,
  chainHash,
  CHECKPOINT_EVERY,
  configureAuditTrail,
  GENESIS_HASH,
  verifyAuditChain,
  verifyAuditChainAsync,
  type AuditChainRow,
  type KeySealer,
  type VerifyAsyncOptions,
} from '../../../src/main/core/audit';
import { closeDatabase, openDatabase, type Database } from '../../../src/main/core/store';
import { contract } from '../../../src/shared/contract';
import type { AuditVerifyResult } from '../../../src/shared/audit';
import { aesSealer } from '../../support/aesSealer';
import { tempDb } from '../store/tempDb';
import { sampleEvent, sampleEvents } from './events';

interface Install {
  dir: string;
  file: string;
  keyFile: string;
  db: Database;
  /** Closes the app's connection (the attacker works on the file alone). */
  close(): void;
  /** Opens the file as the app does at start: a new connection, the key registered again. */
  reopen(sealer?: KeySealer): ReturnType<typeof configureAuditTrail>;
}

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

function install(sealer?: KeySealer): Install {
  const t = tempDb();
  disposers.push(t.dispose);
  const keyFile = join(t.dir, AUDIT_KEY_FILE);
  const it: Install = {
    dir: t.dir,
    file: t.file,
    keyFile,
    db: t.db,
    close: () => closeDatabase(it.db),
    reopen: (s = sealer) => {
      closeDatabase(it.db);
      it.db = openDatabase(it.file);
      disposers.unshift(() => closeDatabase(it.db));
      return configureAuditTrail(it.db, { key: new AuditKey(keyFile, s), tenant: () => 'demo' });
    },
  };
  expect(configureAuditTrail(t.db, { key: new AuditKey(keyFile, sealer), tenant: () => 'demo' })).toBe('active');
  return it;
}

/** What someone with the file and a SQLite shell does: drop the guards, change things, relink everything. */
function rewrite(file: string, change: (raw: BetterSqlite3.Database) => void): void {
  const raw = new BetterSqlite3(file);
  try {
    const triggers = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string }[];
    for (const { name } of triggers) raw.exec(`DROP TRIGGER "${name}"`);
    change(raw);
    let prev = GENESIS_HASH;
    const rows = raw.prepare('SELECT * FROM audit_events ORDER BY id').all() as AuditChainRow[];
    const relink = raw.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?');
    for (const row of rows) {
      const hash = chainHash(prev, row.id, row);
      relink.run(prev, hash, row.id);
      prev = hash;
    }
    raw.prepare('UPDATE audit_anchor SET last_id = ?, last_hash = ?').run(rows.at(-1)?.id ?? 0, prev);
  } finally {
    raw.close();
  }
}

/** Today's check, without a key: a connection that never registered one. */
function chainOnly(file: string): AuditVerifyResult {
  const db = openDatabase(file);
  try {
    return verifyAuditChain(db);
  } finally {
    closeDatabase(db);
  }
}

/** A broken trail: the one-pass and the chunked verifier must name the same thing. */
async function verifyBroken(db: Database, opts: Pick<VerifyAsyncOptions, 'full'> = {}): Promise<AuditVerifyResult> {
  const once = verifyAuditChain(db, opts);
  expect(once.intact).toBe(false);
  expect(await verifyAuditChainAsync(db, { ...opts, chunkRows: 7 })).toEqual(once);
  return once;
}

const checkpoints = (db: Database) =>
  db.prepare('SELECT id, row_id AS rowId, verified FROM audit_checkpoints ORDER BY id').all() as {
    id: number;
    rowId: number;
    verified: number;
  }[];

const appendSingly = (db: Database, n: number, from = 0): void => {
  for (let i = from; i < from + n; i++) appendAuditEvent(db, sampleEvent(i));
};

describe('the checkpoint key', () => {
  it('is made on first use in a 0600 file outside the database, and the empty head is signed at once', () => {
    const t = install();
    expect(statSync(t.keyFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(t.keyFile, 'utf8');
    const key = Buffer.from(text.slice(text.indexOf(':') + 1), 'base64');
    expect(key).toHaveLength(32);
    appendSingly(t.db, 5);
    t.close();
    // Not in the database file, nor its WAL.
    for (const f of [t.file, `${t.file}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(f);
      } catch {
        continue;
      }
      expect(bytes.includes(key)).toBe(false);
      expect(bytes.includes(key.toString('base64'))).toBe(false);
    }
    expect(t.reopen()).toBe('active');
    expect(checkpoints(t.db)[0]).toEqual({ id: 1, rowId: 0, verified: 0 });
  });

  it('is sealed by the given sealer (the OS keychain in Electron): the file holds no key, another keychain cannot open it', () => {
    const sealer = aesSealer();
    const t = install(sealer);
    expect(readFileSync(t.keyFile).includes('resetline-audit-key')).toBe(false);
    appendSingly(t.db, 3);
    expect(t.reopen(sealer)).toBe('active');
    expect(verifyAuditChain(t.db)).toMatchObject({ intact: true, signing: 'active' });
    // The same folder under another OS account (another keychain): a clear state, not a crash.
    expect(t.reopen(aesSealer())).toBe('key-unreadable');
    expect(verifyAuditChain(t.db)).toEqual({ intact: true, rowsChecked: 3, signing: 'key-unreadable' });
  });

  it('missing: says so, keeps appending, and does not quietly make a new key', () => {
    const t = install();
    appendSingly(t.db, 4);
    rmSync(t.keyFile);
    expect(t.reopen()).toBe('key-missing');
    expect(verifyAuditChain(t.db)).toEqual({ intact: true, rowsChecked: 4, signing: 'key-missing' });
    appendSingly(t.db, CHECKPOINT_EVERY, 4);
    expect(() => statSync(t.keyFile)).toThrow();
    expect(checkpoints(t.db)).toHaveLength(1); // only the one from when the key existed
    expect(verifyAuditChain(t.db, { full: true })).toMatchObject({ intact: true, signing: 'key-missing' });
  });

  it.each([
    ['garbage', Buffer.from('not a key at all')],
    ['empty', Buffer.alloc(0)],
    ['a key of the wrong length', Buffer.from(`resetline-audit-key-v1:${randomBytes(16).toString('base64')}`)],
  ])('garbled (%s): says it cannot be read, verify still answers', async (_name, content) => {
    const t = install();
    appendSingly(t.db, 3);
    writeFileSync(t.keyFile, content);
    expect(t.reopen()).toBe('key-unreadable');
    expect(verifyAuditChain(t.db)).toEqual({ intact: true, rowsChecked: 3, signing: 'key-unreadable' });
    expect(await verifyAuditChainAsync(t.db)).toEqual({ intact: true, rowsChecked: 3, signing: 'key-unreadable' });
  });
});

describe('signed checkpoints', () => {
  it(`sign the head every ${CHECKPOINT_EVERY} rows, in the append's transaction, and after an intact check`, () => {
    const t = install();
    appendSingly(t.db, 2 * CHECKPOINT_EVERY + 30);
    expect(checkpoints(t.db).map((c) => c.rowId)).toEqual([0, CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY]);
    appendAuditEvents(t.db, sampleEvents(250)); // one transaction: one checkpoint at its head
    expect(checkpoints(t.db).map((c) => c.rowId)).toEqual([0, 100, 200, 480]);
    expect(verifyAuditChain(t.db)).toMatchObject({ intact: true, rowsChecked: 480 });
    expect(checkpoints(t.db).at(-1)).toMatchObject({ rowId: 480, verified: 1 });
  });

  it('catch a consistent rewrite that passes the chain-only check, naming the checkpoint it contradicts', async () => {
    const t = install();
    appendSingly(t.db, 250); // signed at rows 100 and 200
    t.close();
    rewrite(t.file, (raw) => raw.prepare('UPDATE audit_events SET notes = ? WHERE id = ?').run('nothing happened', 7));

    expect(chainOnly(t.file)).toEqual({ intact: true, rowsChecked: 250 }); // what a chain-only verify says

    expect(t.reopen()).toBe('active');
    for (const full of [true, false]) {
      const result = await verifyBroken(t.db, { full });
      expect(result).toMatchObject({
        intact: false,
        firstBrokenId: 1,
        checkpoint: { id: 2, rowId: 100 },
        signing: 'active',
      });
      expect(result.intact === false && result.reason).toBe(
        'rows 1–100 were rewritten outside Resetline: row 100 no longer matches signed checkpoint #2',
      );
    }
  });

  it('place a rewrite after the last checkpoint it still matches', async () => {
    const t = install();
    appendSingly(t.db, 250);
    t.close();
    rewrite(t.file, (raw) => raw.prepare('UPDATE audit_events SET target_upn = ? WHERE id = ?').run('ceo@x', 150));
    t.reopen();
    expect(await verifyBroken(t.db)).toMatchObject({ firstBrokenId: 101, checkpoint: { id: 3, rowId: 200 } });
  });

  it('catch a checkpoint forged without the key, naming it', async () => {
    const t = install();
    appendSingly(t.db, 120);
    t.close();
    // The attacker rewrites row 110 (after the last checkpoint) and adds a checkpoint of the new head,
    // with a signature they had to make up: they do not have the key.
    rewrite(t.file, (raw) => raw.prepare('UPDATE audit_events SET notes = ? WHERE id = ?').run('forged', 110));
    const raw = openDatabase(t.file);
    try {
      const head = raw.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as {
        id: number;
        hash: Buffer;
      };
      raw
        .prepare(
          'INSERT INTO audit_checkpoints (row_id, row_hash, signed_at, verified, signature) VALUES (?, ?, ?, 1, ?)',
        )
        .run(head.id, head.hash, Date.now(), randomBytes(32));
    } finally {
      closeDatabase(raw);
    }
    expect(chainOnly(t.file)).toEqual({ intact: true, rowsChecked: 120 });
    t.reopen();
    const result = await verifyBroken(t.db);
    expect(result).toMatchObject({ intact: false, firstBrokenId: 101, checkpoint: { id: 3, rowId: 120 } });
    expect(result.intact === false && result.reason).toMatch(
      /signed checkpoint #3 was not signed by this install's key/,
    );
  });

  it('catch an edited checkpoint signature', async () => {
    const t = install();
    appendSingly(t.db, 100);
    t.close();
    rewrite(t.file, (raw) => raw.exec('UPDATE audit_checkpoints SET signature = randomblob(32) WHERE id = 2'));
    t.reopen();
    expect(await verifyBroken(t.db)).toMatchObject({ firstBrokenId: 1, checkpoint: { id: 2, rowId: 100 } });
  });

  it('catch every checkpoint removed along with the rewrite', async () => {
    const t = install();
    appendSingly(t.db, 30);
    t.close();
    rewrite(t.file, (raw) => {
      raw.exec('DELETE FROM audit_checkpoints');
      raw.prepare('UPDATE audit_events SET outcome = ? WHERE id = ?').run('success', 3);
    });
    expect(t.reopen()).toBe('checkpoints-missing');
    const result = await verifyBroken(t.db);
    expect(result).toMatchObject({ intact: false, firstBrokenId: 1, signing: 'checkpoints-missing' });
    expect(result.intact === false && result.reason).toMatch(/signed checkpoints were removed/);
  });

  it('catch every checkpoint removed while the app is running', async () => {
    const t = install();
    appendSingly(t.db, 30);
    rewrite(t.file, (raw) => raw.exec('DELETE FROM audit_checkpoints'));
    expect(await verifyBroken(t.db)).toMatchObject({ firstBrokenId: 1, signing: 'checkpoints-missing' });
  });

  it('catch rows cut from the end with the anchor rewound to match', async () => {
    const t = install();
    appendSingly(t.db, 105);
    t.close();
    rewrite(t.file, (raw) => raw.exec('DELETE FROM audit_events WHERE id > 90'));
    expect(chainOnly(t.file)).toEqual({ intact: true, rowsChecked: 90 });
    t.reopen();
    const result = await verifyBroken(t.db);
    expect(result).toMatchObject({ firstBrokenId: 91, checkpoint: { id: 2, rowId: 100 } });
    expect(result.intact === false && result.reason).toMatch(/trail now ends at row 90: rows were removed/);
  });
});

describe('the quick check', () => {
  it('starts after the last verified checkpoint; { full: true } reads every row', async () => {
    const t = install();
    appendSingly(t.db, 300);
    expect(verifyAuditChain(t.db)).toEqual({ intact: true, rowsChecked: 300, signing: 'active' });
    appendSingly(t.db, 40, 300);
    const quick = await verifyAuditChainAsync(t.db);
    expect(quick).toMatchObject({ intact: true, rowsChecked: 40, totalRows: 340, resumedFrom: { rowId: 300 } });
    expect(verifyAuditChain(t.db)).toMatchObject({ rowsChecked: 0, totalRows: 340, resumedFrom: { rowId: 340 } });
    expect(verifyAuditChain(t.db, { full: true })).toEqual({ intact: true, rowsChecked: 340, signing: 'active' });
  });

  it('catches a consistent rewrite of rows it already verified', async () => {
    const t = install();
    appendSingly(t.db, 60);
    expect(verifyAuditChain(t.db)).toMatchObject({ intact: true });
    t.close();
    rewrite(t.file, (raw) => raw.prepare('UPDATE audit_events SET agent_upn = ? WHERE id = ?').run('someone@x', 12));
    t.reopen();
    expect(await verifyBroken(t.db)).toMatchObject({ firstBrokenId: 1, checkpoint: { rowId: 60 } });
  });

  it('reads every row again when an append-only trigger is gone, so a raw edit is still named', async () => {
    const t = install();
    appendSingly(t.db, 60);
    expect(verifyAuditChain(t.db)).toMatchObject({ intact: true });
    t.db.exec('DROP TRIGGER audit_events_no_update');
    t.db.prepare('UPDATE audit_events SET ticket_ref = ? WHERE id = ?').run('INC-forged', 42);
    expect(await verifyBroken(t.db)).toMatchObject({ firstBrokenId: 42, rowsChecked: 42 });
  });
});

describe('audit:verify input', () => {
  const input = contract.audit.verify.input;
  it('accepts nothing (the quick check) or { full: true }, and nothing else', () => {
    expect(input.safeParse(undefined).success).toBe(true);
    expect(input.safeParse({ full: true }).success).toBe(true);
    expect(input.safeParse({}).success).toBe(true);
    expect(input.safeParse({ full: 'yes' }).success).toBe(false);
    expect(input.safeParse({ full: true, from: 0 }).success).toBe(false);
    expect(input.safeParse('full').success).toBe(false);
  });
});
