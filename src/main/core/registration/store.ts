// The registration tables: runs (a snapshot being built, the current one, older ones' figures) and
// the rows of each stream. Every page is written with its stream's next link in ONE transaction, so
// a resume never loses or repeats a page; a run becomes current in one transaction too.
import type BetterSqlite3 from 'better-sqlite3';
import type { RegistrationRow, SnapshotInfo, SnapshotSource } from '../../../shared/registration';
import { personWords } from '../../../shared/searchWords';

type Db = BetterSqlite3.Database;

export interface RunRow {
  id: number;
  tenant_key: string;
  source: SnapshotSource;
  state: 'staging' | 'current' | 'previous' | 'abandoned';
  started_at: number;
  taken_at: number | null;
  report_next: string | null;
  report_done: number;
  users_next: string | null;
  users_done: number;
  total_users: number | null;
  users: number | null;
}

/** A user from the /users stream. */
export interface DirectoryUserRow {
  userId: string;
  userPrincipalName: string;
  displayName: string;
  department: string | null;
  userType: 'member' | 'guest';
  accountEnabled: boolean | null;
  passwordChangedAt: number | null;
  neverExpires: boolean;
  onPremises: boolean;
}

/** Methods that resist phishing (the admin preset): FIDO2, Windows Hello, device-bound passkeys, certificates. */
export function isPhishingResistant(method: string): boolean {
  return /^(fido2|windowsHelloForBusiness|passKeyDeviceBound|x509Certificate|certificateBased)/i.test(method);
}

function domainOf(upn: string): string {
  const at = upn.lastIndexOf('@');
  return (at < 0 ? '' : upn.slice(at + 1)).toLowerCase();
}

export function currentRun(db: Db, tenantKey: string): RunRow | undefined {
  return db
    .prepare("SELECT * FROM registration_runs WHERE tenant_key = ? AND state = 'current' ORDER BY id DESC LIMIT 1")
    .get(tenantKey) as RunRow | undefined;
}

export function stagingRun(db: Db, tenantKey: string): RunRow | undefined {
  return db
    .prepare("SELECT * FROM registration_runs WHERE tenant_key = ? AND state = 'staging' ORDER BY id DESC LIMIT 1")
    .get(tenantKey) as RunRow | undefined;
}

export function snapshotInfo(run: RunRow | undefined): SnapshotInfo | null {
  if (!run || run.taken_at === null) return null;
  return { id: run.id, source: run.source, takenAt: new Date(run.taken_at).toISOString(), users: run.users ?? 0 };
}

function deleteRows(db: Db, snapshotId: number): void {
  for (const table of [
    'registration_snapshot',
    'registration_staging',
    'registration_methods',
    'registration_users',
    'registration_words',
  ]) {
    db.prepare(`DELETE FROM ${table} WHERE snapshot_id = ?`).run(snapshotId);
  }
}

/** Drops a staging run and its rows (a fresh start, or a licence failure). */
export function abandonRun(db: Db, runId: number): void {
  db.transaction(() => {
    deleteRows(db, runId);
    db.prepare("UPDATE registration_runs SET state = 'abandoned' WHERE id = ? AND state = 'staging'").run(runId);
  })();
}

export function createRun(db: Db, tenantKey: string, source: SnapshotSource, now: number): RunRow {
  const id = Number(
    db
      .prepare("INSERT INTO registration_runs (tenant_key, source, state, started_at) VALUES (?, ?, 'staging', ?)")
      .run(tenantKey, source, now).lastInsertRowid,
  );
  return db.prepare('SELECT * FROM registration_runs WHERE id = ?').get(id) as RunRow;
}

export function setTotalUsers(db: Db, runId: number, total: number): void {
  db.prepare('UPDATE registration_runs SET total_users = ? WHERE id = ?').run(total, runId);
}

/** Rows of a run, wherever they are: staged while it is built, in the snapshot once complete. */
export function countRows(db: Db, runId: number): number {
  return (
    db
      .prepare(
        `SELECT (SELECT count(*) FROM registration_staging WHERE snapshot_id = @run)
              + (SELECT count(*) FROM registration_snapshot WHERE snapshot_id = @run) AS n`,
      )
      .get({ run: runId }) as { n: number }
  ).n;
}

export class RegistrationWriter {
  private readonly row: BetterSqlite3.Statement;
  private readonly user: BetterSqlite3.Statement;
  private readonly reportCursor: BetterSqlite3.Statement;
  private readonly usersCursor: BetterSqlite3.Statement;

  constructor(private readonly db: Db) {
    // REPLACE: a user read twice (a page read again) keeps only their latest row.
    this.row = db.prepare(
      `INSERT OR REPLACE INTO registration_staging (snapshot_id, user_id, upn, display_name, user_type,
         is_admin, sspr_registered, sspr_enabled, sspr_capable, mfa_registered, mfa_capable, passwordless,
         phishing_resistant, methods, method_count, preferred_method)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.user = db.prepare(
      `INSERT OR REPLACE INTO registration_users (snapshot_id, user_id, upn, display_name, department, user_type,
         account_enabled, domain, password_changed_at, never_expires, on_premises)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.reportCursor = db.prepare('UPDATE registration_runs SET report_next = ?, report_done = ? WHERE id = ?');
    this.usersCursor = db.prepare('UPDATE registration_runs SET users_next = ?, users_done = ? WHERE id = ?');
  }

  /** One page of registration rows and the report stream's next link (null: the stream is done). */
  readonly writeRows = (runId: number, rows: RegistrationRow[], next: string | null, cursor = true): void => {
    this.db.transaction(() => {
      const b = (v: boolean) => (v ? 1 : 0);
      for (const r of rows) {
        this.row.run(
          runId,
          r.userId,
          r.userPrincipalName,
          r.displayName,
          r.userType,
          b(r.isAdmin),
          b(r.isSsprRegistered),
          b(r.isSsprEnabled),
          b(r.isSsprCapable),
          b(r.isMfaRegistered),
          b(r.isMfaCapable),
          b(r.isPasswordlessCapable),
          b(r.methodsRegistered.some(isPhishingResistant)),
          JSON.stringify(r.methodsRegistered),
          r.methodsRegistered.length,
          r.preferredMethod,
        );
      }
      if (cursor) this.reportCursor.run(next, next === null ? 1 : 0, runId);
    })();
  };

  /** One page of the /users stream and its next link. */
  readonly writeUsers = (runId: number, users: DirectoryUserRow[], next: string | null): void => {
    this.db.transaction(() => {
      for (const u of users) {
        this.user.run(
          runId,
          u.userId,
          u.userPrincipalName,
          u.displayName,
          u.department,
          u.userType,
          u.accountEnabled === null ? null : u.accountEnabled ? 1 : 0,
          domainOf(u.userPrincipalName),
          u.passwordChangedAt,
          u.neverExpires ? 1 : 0,
          u.onPremises ? 1 : 0,
        );
      }
      this.usersCursor.run(next, next === null ? 1 : 0, runId);
    })();
  };
}

const ROW_COLUMNS = `snapshot_id, user_id, upn, display_name, user_type, is_admin, sspr_registered, sspr_enabled,
  sspr_capable, mfa_registered, mfa_capable, passwordless, phishing_resistant, methods, method_count, preferred_method`;

/** SQLite's name for a person's words (personWords), a table-valued function for writeSearchWords. */
const WORDS_FUNCTION = 'resetline_search_words';
const withWordsFunction = new WeakSet<Db>();

/**
 * The search index of a snapshot: every word of each user's name and UPN (personWords), from the report's rows and
 * the /users stream's (password age reads the latter), sorted before the insert so the primary key is
 * built in order. Search then reads one index range per typed word (query.ts searchClause).
 */
function writeSearchWords(db: Db, runId: number): void {
  if (!withWordsFunction.has(db)) {
    db.table(WORDS_FUNCTION, {
      columns: ['word'],
      parameters: ['name', 'upn'],
      *rows(name: unknown, upn: unknown) {
        for (const word of personWords(typeof name === 'string' ? name : '', typeof upn === 'string' ? upn : ''))
          yield { word };
      },
    });
    withWordsFunction.add(db);
  }
  db.prepare(
    `INSERT OR IGNORE INTO registration_words (snapshot_id, word, user_id)
     SELECT p.snapshot_id, w.word, p.user_id
     FROM (SELECT snapshot_id, user_id, display_name, upn FROM registration_snapshot WHERE snapshot_id = @run
           UNION SELECT snapshot_id, user_id, display_name, upn FROM registration_users WHERE snapshot_id = @run) p,
          ${WORDS_FUNCTION}(p.display_name, p.upn) w
     ORDER BY 2, 3`,
  ).run({ run: runId });
}

/**
 * Makes a finished staging run the current snapshot in ONE transaction: its rows move from staging
 * into registration_snapshot with department joined in from the /users stream, one row per method
 * into registration_methods, each name's and UPN's words into registration_words (the search), the
 * aggregate figures are kept for the trend, and the previous
 * snapshot's rows are deleted. The snapshot table's indexes are dropped for the move and rebuilt
 * (by sorting, far cheaper than 100,000 random inserts into each), from their own stored SQL.
 */
export function promoteRun(db: Db, runId: number, now: number): void {
  db.transaction(() => {
    const run = db.prepare('SELECT tenant_key FROM registration_runs WHERE id = ?').get(runId) as {
      tenant_key: string;
    };
    const older = db
      .prepare("SELECT id FROM registration_runs WHERE tenant_key = ? AND state IN ('current', 'staging') AND id <> ?")
      .all(run.tenant_key, runId) as { id: number }[];
    for (const { id } of older) {
      deleteRows(db, id);
      db.prepare(
        "UPDATE registration_runs SET state = CASE state WHEN 'current' THEN 'previous' ELSE 'abandoned' END WHERE id = ?",
      ).run(id);
    }
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registration_snapshot' AND sql IS NOT NULL",
      )
      .all() as { name: string; sql: string }[];
    for (const i of indexes) db.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
    db.prepare(
      `INSERT INTO registration_snapshot (${ROW_COLUMNS}, department)
       SELECT ${ROW_COLUMNS.split(',')
         .map((c) => `s.${c.trim()}`)
         .join(', ')}, u.department
       FROM registration_staging s
       LEFT JOIN registration_users u ON u.snapshot_id = s.snapshot_id AND u.user_id = s.user_id
       WHERE s.snapshot_id = ? ORDER BY s.user_id`,
    ).run(runId);
    db.prepare(
      `INSERT OR IGNORE INTO registration_methods (snapshot_id, method, user_id)
       SELECT s.snapshot_id, j.value, s.user_id FROM registration_staging s, json_each(s.methods) j
       WHERE s.snapshot_id = ? ORDER BY 2, 3`,
    ).run(runId);
    db.prepare('DELETE FROM registration_staging WHERE snapshot_id = ?').run(runId);
    for (const i of indexes) db.exec(i.sql);
    writeSearchWords(db, runId);
    const figures = db
      .prepare(
        `SELECT count(*) AS users, coalesce(sum(sspr_capable), 0) AS sspr, coalesce(sum(mfa_capable), 0) AS mfa,
           coalesce(sum(passwordless), 0) AS pwl, coalesce(sum(method_count = 0), 0) AS none
         FROM registration_snapshot WHERE snapshot_id = ?`,
      )
      .get(runId) as { users: number; sspr: number; mfa: number; pwl: number; none: number };
    db.prepare(
      `UPDATE registration_runs SET state = 'current', taken_at = ?, users = ?, sspr_capable = ?, mfa_capable = ?,
         passwordless = ?, no_methods = ?, report_next = NULL, users_next = NULL WHERE id = ?`,
    ).run(now, figures.users, figures.sspr, figures.mfa, figures.pwl, figures.none, runId);
  })();
}
