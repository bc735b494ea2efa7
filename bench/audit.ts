// Audit trail at scale: insert rate, History page queries through listAuditEvents next to the same
// SQL on a bare better-sqlite3 connection (every History filter), the CSV export next to a bare
// better-sqlite3 → CSV loop, the time to verify the whole chain, and the quick check of 1,000 rows
// appended since the last signed checkpoint (goal: ≤ 50 ms at a million rows).
// Rows: BENCH_AUDIT_ROWS (default 1,000,000). Run: npm run bench audit
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import BetterSqlite3 from 'better-sqlite3';
import {
  appendAuditEvent,
  appendAuditEvents,
  AUDIT_KEY_FILE,
  AuditKey,
  auditCsvLine,
  buildAuditListQuery,
  configureAuditTrail,
  CSV_BOM,
  CSV_COLUMNS,
  csvLine,
  encodeCursor,
  listAuditEvents,
  verifyAuditChain,
  verifyAuditChainAsync,
  writeAuditCsv,
  type AuditEventInput,
  type AuditRow,
} from '../src/main/core/audit';
import { closeDatabase, migrate, openDatabase, type Database } from '../src/main/core/store';
import type {
  AuditAction,
  AuditListFilter,
  AuditOutcome,
  AuditVerifyResult,
  VerificationType,
} from '../src/shared/audit';

const DAY = 86_400_000;
const BATCH = 10_000;
const SINGLE_APPENDS = 2_000;
const WARMUP = 30;
const ITERATIONS = 300;

/** Deterministic, so two runs build the same trail. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const AGENTS = 40;
const USERS = 25_000;
const START = Date.UTC(2024, 10, 1);

/**
 * Whole calls, in time order, the way the app writes them: opened → challenges (some fail) →
 * a reset or a refusal → hand-over → closed. A few agents take most calls, as on a real desk.
 */
export function* calls(total: number, span: number): Generator<AuditEventInput> {
  const random = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const eventsPerCall = 6.5;
  const callCount = Math.ceil(total / eventsPerCall);
  let produced = 0;
  for (let c = 0; produced < total; c++) {
    const agent = Math.floor(AGENTS * random() ** 2); // skewed: agent0 busiest
    const user = Math.floor(random() * USERS);
    let at = START + Math.floor((c / callCount) * span) + Math.floor(random() * 60_000);
    const base = {
      callId: `call-${c}`,
      agentUpn: `agent${agent}@contoso.com`,
      agentId: `00000000-0000-0000-0000-${String(agent).padStart(12, '0')}`,
      targetId: `11111111-0000-0000-0000-${String(user).padStart(12, '0')}`,
      targetUpn: `user${user}@contoso.com`,
      targetName: `User ${user}`,
      ticketRef: random() < 0.6 ? `INC${String(100_000 + c).padStart(7, '0')}` : null,
    };
    const step = (
      action: AuditAction,
      outcome: AuditOutcome,
      extra: Partial<AuditEventInput> = {},
    ): AuditEventInput => {
      at += 5_000 + Math.floor(random() * 40_000);
      return { ...base, occurredAt: at, action, outcome, ...extra };
    };
    const types: VerificationType[] = ['sms', 'email', 'manager', 'knowledge'];
    const used = pick(types);
    const passed = random() < 0.88;
    const seq: AuditEventInput[] = [
      step('call.opened', 'info'),
      step('verify.challenge-sent', 'pending', { detail: { channel: used } }),
      step(passed ? 'verify.challenge-passed' : 'verify.challenge-failed', passed ? 'success' : 'failure', {
        verification: { required: 1, passed: passed ? [used] : [], failed: passed ? [] : [used] },
      }),
    ];
    if (passed) {
      const action = pick<AuditAction>([
        'reset.password',
        'reset.password',
        'reset.tap',
        'reset.revoke-sessions',
        'reset.enable-account',
      ]);
      const ok = random() < 0.95;
      seq.push(
        step(action, ok ? 'success' : 'failure', {
          verification: { required: 1, passed: [used], failed: [] },
          detail: ok ? {} : { graphStatus: 403, graphRequestId: `req-${c}` },
        }),
      );
      if (ok) seq.push(step('handover.shown', 'info'));
      if (random() < 0.5) seq.push(step('handover.sent', 'success', { detail: { channel: 'sms' } }));
    } else {
      seq.push(step('deflect.self-service', 'refused', { notes: 'Caller could not verify; pointed to SSPR.' }));
    }
    seq.push(step('call.closed', passed ? 'success' : 'failure'));
    for (const e of seq) {
      if (produced++ >= total) return;
      yield e;
    }
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n: number): string => `${n.toFixed(3)} ms`;

function table(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** The cursor History would hold after paging halfway through this filter's results. */
function midCursor(db: Database, filter: AuditListFilter): string {
  const q = buildAuditListQuery({ ...filter, limit: 1 });
  const countSql = `SELECT count(*) FROM (${q.sql.replace(/ ORDER BY[\s\S]*$/, '')})`;
  const n = db
    .prepare(countSql)
    .pluck()
    .get(...q.params.slice(0, -1)) as number;
  const row = db
    .prepare(`${q.sql.replace(/LIMIT \?$/, 'LIMIT 1 OFFSET ?')}`)
    .get(...q.params.slice(0, -1), Math.floor(n / 2)) as { occurred_at: number; id: number } | undefined;
  if (!row) throw new Error('bench: the filter matched nothing');
  return encodeCursor({ occurredAt: row.occurred_at, id: row.id });
}

/**
 * History's CSV export (keyset pages, async writes with back-pressure) next to the bare loop: one
 * better-sqlite3 iterate() over the same SQL without a limit, the same line formatting, one stream.
 */
async function benchCsvExport(db: Database, file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'resetline-bench-csv-'));
  const bare = new BetterSqlite3(file, { readonly: true });
  const rows: string[][] = [];
  try {
    for (const [name, filter] of [
      ['everything', {}],
      ['agent0 (busiest)', { agentUpn: 'agent0@contoso.com' }],
      ['verification sms', { verificationType: 'sms' }],
    ] as [string, AuditListFilter][]) {
      const a = performance.now();
      const ours = createWriteStream(join(dir, 'ours.csv'));
      const written = await writeAuditCsv(db, filter, ours);
      ours.end();
      await finished(ours);
      const b = performance.now();
      const q = buildAuditListQuery({ ...filter, limit: 1 });
      const sql = q.sql.replace(/ LIMIT \?$/, '');
      const theirs = createWriteStream(join(dir, 'bare.csv'));
      theirs.write(CSV_BOM + csvLine(CSV_COLUMNS));
      let chunk = '';
      let n = 0;
      for (const row of bare.prepare(sql).iterate(...q.params.slice(0, -1)) as Iterable<AuditRow>) {
        chunk += auditCsvLine(row);
        if (++n % 2_000 === 0) {
          if (!theirs.write(chunk)) await once(theirs, 'drain');
          chunk = '';
        }
      }
      theirs.end(chunk);
      await finished(theirs);
      const c = performance.now();
      if (n !== written) throw new Error(`bench: export wrote ${written} rows, the bare loop ${n}`);
      rows.push([
        name,
        fmt(written),
        ((b - a) / 1000).toFixed(2),
        ((c - b) / 1000).toFixed(2),
        ((b - a) / (c - b)).toFixed(2),
      ]);
    }
  } finally {
    bare.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  table(['CSV export', 'rows', 'seconds', 'bare seconds', 'ratio'], rows);
}

const QUICK_NEW_ROWS = 1_000;
const QUICK_ROUNDS = 9;

/**
 * The quick check: the full pass above signed the head as verified; each round appends
 * 1,000 rows (one transaction) and times the check, which starts after the newest verified checkpoint.
 */
async function benchQuickCheck(db: Database): Promise<void> {
  const source = calls(QUICK_NEW_ROWS * QUICK_ROUNDS, DAY);
  const sync: number[] = [];
  const chunked: number[] = [];
  let last: AuditVerifyResult | undefined;
  for (let round = 0; round < QUICK_ROUNDS; round++) {
    const batch: AuditEventInput[] = [];
    for (let i = 0; i < QUICK_NEW_ROWS; i++) batch.push(source.next().value as AuditEventInput);
    appendAuditEvents(db, batch);
    // Rounds alternate between the one-pass check and the chunked one History uses.
    const a = performance.now();
    last = round % 2 === 0 ? verifyAuditChain(db) : await verifyAuditChainAsync(db);
    (round % 2 === 0 ? sync : chunked).push(performance.now() - a);
    if (!last.intact || last.rowsChecked !== QUICK_NEW_ROWS) {
      throw new Error(`bench: the quick check read ${last.rowsChecked} rows (${last.intact ? 'intact' : 'broken'})`);
    }
  }
  sync.sort((x, y) => x - y);
  chunked.sort((x, y) => x - y);
  console.log('');
  table(
    ['quick check (after a signed check)', 'new rows', 'of rows', 'p50', 'max', 'runs'],
    [
      [
        'verifyAuditChain',
        fmt(QUICK_NEW_ROWS),
        fmt(last?.totalRows ?? 0),
        ms(percentile(sync, 50)),
        ms(sync.at(-1) ?? NaN),
        String(sync.length),
      ],
      [
        'verifyAuditChainAsync (History)',
        fmt(QUICK_NEW_ROWS),
        fmt(last?.totalRows ?? 0),
        ms(percentile(chunked, 50)),
        ms(chunked.at(-1) ?? NaN),
        String(chunked.length),
      ],
    ],
  );
  console.log(
    `quick check of ${fmt(QUICK_NEW_ROWS)} new rows: worst ${ms(Math.max(...sync, ...chunked))} (goal ≤ 50 ms)`,
  );
}

export async function benchAudit(): Promise<void> {
  const total = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
  if (!Number.isSafeInteger(total) || total < 1000) throw new Error('BENCH_AUDIT_ROWS must be an integer ≥ 1000');
  const dir = mkdtempSync(join(tmpdir(), 'resetline-bench-audit-'));
  const file = join(dir, 'audit.sqlite');
  const db = openDatabase(file);
  try {
    migrate(db, file);
    // As the app runs: rows carry the tenant, checkpoints are signed (a 0600 key file, no keychain here).
    configureAuditTrail(db, { tenant: () => 'demo', key: new AuditKey(join(dir, AUDIT_KEY_FILE)) });
    const span = 730 * DAY;
    console.log(
      `audit trail: ${fmt(total)} rows over ${span / DAY} days, ${AGENTS} agents, ${fmt(USERS)} users (${file})`,
    );

    // Inserts: batched transactions, the way an import or a burst would go.
    let batch: AuditEventInput[] = [];
    const t0 = performance.now();
    for (const e of calls(total, span)) {
      batch.push(e);
      if (batch.length === BATCH) {
        appendAuditEvents(db, batch);
        batch = [];
      }
    }
    if (batch.length > 0) appendAuditEvents(db, batch);
    const batchedSeconds = (performance.now() - t0) / 1000;

    // Single appends: one durable transaction (fsync) per event, as the app writes during a call.
    const t1 = performance.now();
    for (let i = 0; i < SINGLE_APPENDS; i++) {
      appendAuditEvent(db, {
        agentUpn: 'agent1@contoso.com',
        targetUpn: `user${i}@contoso.com`,
        action: 'handover.shown',
        outcome: 'info',
      });
    }
    const singleSeconds = (performance.now() - t1) / 1000;
    console.log('');
    table(
      ['insert', 'rows', 'seconds', 'rows/s'],
      [
        [`batched (${fmt(BATCH)} per transaction)`, fmt(total), batchedSeconds.toFixed(2), fmt(total / batchedSeconds)],
        ['single durable appends', fmt(SINGLE_APPENDS), singleSeconds.toFixed(2), fmt(SINGLE_APPENDS / singleSeconds)],
      ],
    );

    // Page queries. The bare side is a plain better-sqlite3 connection running the identical SQL
    // and parameters, returning raw rows: the ratio is our paging, conversion and cursor cost.
    const last = START + span;
    const iso = (t: number): string => new Date(t).toISOString();
    const scenarios: [string, AuditListFilter][] = [
      ['no filter', {}],
      ['agent', { agentUpn: 'agent3@contoso.com' }],
      ['target', { targetUpn: 'user1234@contoso.com' }],
      ['action + 30 days', { action: 'reset.tap', from: iso(last - 400 * DAY), to: iso(last - 370 * DAY) }],
      ['outcome failure + 7 days', { outcome: 'failure', from: iso(last - 200 * DAY), to: iso(last - 193 * DAY) }],
      ['agent + outcome', { agentUpn: 'agent0@contoso.com', outcome: 'failure' }],
      // Issue 6's filters.
      ['verification sms failed', { verificationType: 'sms', verificationResult: 'failed' }],
      ['verification manager + agent', { verificationType: 'manager', agentUpn: 'agent3@contoso.com' }],
      ['text: ticket prefix', { text: 'INC010012' }],
      ['text: word in many notes', { text: 'pointed' }],
      ['target prefix', { target: 'user1234' }],
    ];
    const bare = new BetterSqlite3(file, { readonly: true });
    const rows: string[][] = [];
    const ratios: number[] = [];
    try {
      for (const [name, base] of scenarios) {
        for (const deep of [false, true]) {
          // One caller's (or one ticket's) history fits in a page or two.
          if (deep && (name === 'target' || name === 'target prefix' || name === 'text: ticket prefix')) continue;
          const filter: AuditListFilter = { ...base, limit: 100, ...(deep ? { cursor: midCursor(bare, base) } : {}) };
          const q = buildAuditListQuery(filter);
          const stmt = bare.prepare(q.sql);
          const ours: number[] = [];
          const theirs: number[] = [];
          let returned = 0;
          for (let i = 0; i < WARMUP + ITERATIONS; i++) {
            // Interleaved so drift (page cache, GC, CPU clock) hits both sides alike.
            const a = performance.now();
            returned = listAuditEvents(db, filter).events.length;
            const b = performance.now();
            stmt.all(...q.params);
            const c = performance.now();
            if (i >= WARMUP) {
              ours.push(b - a);
              theirs.push(c - b);
            }
          }
          ours.sort((x, y) => x - y);
          theirs.sort((x, y) => x - y);
          const ratio50 = percentile(ours, 50) / percentile(theirs, 50);
          const ratio95 = percentile(ours, 95) / percentile(theirs, 95);
          ratios.push(ratio50);
          rows.push([
            `${name}${deep ? ' (deep page)' : ''}`,
            String(returned),
            ms(percentile(ours, 50)),
            ms(percentile(ours, 95)),
            ms(percentile(theirs, 50)),
            ms(percentile(theirs, 95)),
            ratio50.toFixed(2),
            ratio95.toFixed(2),
          ]);
        }
      }
    } finally {
      bare.close();
    }
    console.log('');
    table(['page query (limit 100)', 'rows', 'p50', 'p95', 'bare p50', 'bare p95', 'ratio p50', 'ratio p95'], rows);
    console.log(`worst p50 ratio ${Math.max(...ratios).toFixed(2)} (goal ≤ 1.5)`);

    await benchCsvExport(db, file);

    const t2 = performance.now();
    const verified = verifyAuditChain(db, { full: true });
    const verifySeconds = (performance.now() - t2) / 1000;
    const t3 = performance.now();
    const verifiedAsync = await verifyAuditChainAsync(db, { full: true });
    const asyncSeconds = (performance.now() - t3) / 1000;
    const outcome = (r: AuditVerifyResult): string => (r.intact ? 'intact' : `BROKEN at ${r.firstBrokenId}`);
    console.log('');
    table(
      ['verify chain', 'rows', 'seconds', 'rows/s', 'result'],
      [
        [
          'verifyAuditChain (one pass)',
          fmt(verified.rowsChecked),
          verifySeconds.toFixed(2),
          fmt(verified.rowsChecked / verifySeconds),
          outcome(verified),
        ],
        [
          'verifyAuditChainAsync (chunks)',
          fmt(verifiedAsync.rowsChecked),
          asyncSeconds.toFixed(2),
          fmt(verifiedAsync.rowsChecked / asyncSeconds),
          outcome(verifiedAsync),
        ],
      ],
    );
    await benchQuickCheck(db);
    console.log(`file size ${fmt(statSync(file).size / 1_048_576, 1)} MiB`);
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}
