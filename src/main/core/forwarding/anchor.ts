// The anchor outside the PC: each desk's trail as it reached the team's workspace, checked against itself.
// The workspace is append-only for the desks (agents may send to the DCR, not delete from or change the
// table), so what a desk forwarded once stays there; a later rewrite on the PC shows as a conflict with it.
// The figures come from the two aggregate queries of anchorQueries.ts (one row per desk); decideDesk turns
// them into intact / rewritten / gap with where it starts.
//
// What this does NOT check: the checkpoints' signatures. They are HMACs under a per-PC secret key
// (core/audit/key.ts) that never leaves the PC, so a team lead cannot verify them; the check here is
// consistency only (a checkpoint's hash against the forwarded row at its RowId). Signing checkpoints with a
// per-desk Ed25519 key whose public half is published would let the team view check them too (follow-up).
import type { DeskCheck, DeskCheckStatus, DeskFinding, DeskFindingKind } from '../../../shared/team';

type Cells = Record<string, unknown>;

/** One desk's events as deskEventsQuery answers. */
export interface DeskEventFigures {
  desk: string;
  records: number;
  firstRow: number | null;
  lastRow: number | null;
  repeats: number;
  firstRepeat: number | null;
  breaks: number;
  firstBreak: number | null;
  holes: number;
  firstHoleAfter: number | null;
}

/** One desk's checkpoints as deskCheckpointsQuery answers. */
export interface DeskCheckpointFigures {
  desk: string;
  checkpoints: number;
  mismatched: number;
  firstMismatch: number | null;
  unarrived: number;
  firstUnarrived: number | null;
}

const REWRITES: readonly DeskFindingKind[] = ['changed-rows', 'broken-link', 'checkpoint-mismatch'];

function count(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function row(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function eventFigures(r: Cells): DeskEventFigures {
  return {
    desk: text(r.Desk),
    records: count(r.Records),
    firstRow: row(r.FirstRow),
    lastRow: row(r.LastRow),
    repeats: count(r.Repeats),
    firstRepeat: row(r.FirstRepeat),
    breaks: count(r.Breaks),
    firstBreak: row(r.FirstBreak),
    holes: count(r.Holes),
    firstHoleAfter: row(r.FirstHoleAfter),
  };
}

export function checkpointFigures(r: Cells): DeskCheckpointFigures {
  return {
    desk: text(r.Desk),
    checkpoints: count(r.Checkpoints),
    mismatched: count(r.Mismatched),
    firstMismatch: row(r.FirstMismatch),
    unarrived: count(r.Unarrived),
    firstUnarrived: row(r.FirstUnarrived),
  };
}

/** One desk's verdict from its figures (either may be missing: a desk with no events, or no checkpoints). */
export function decideDesk(
  desk: string,
  ev: DeskEventFigures | undefined,
  cp: DeskCheckpointFigures | undefined,
): DeskCheck {
  const events = ev ? ev.records - ev.repeats : 0;
  const findings: DeskFinding[] = [];
  const add = (kind: DeskFindingKind, firstRow: number | null | undefined, rows: number) => {
    if (rows > 0) findings.push({ kind, firstRow: firstRow ?? 0, rows });
  };
  if (ev) {
    add('changed-rows', ev.firstRepeat, ev.repeats);
    add('broken-link', ev.firstBreak, ev.breaks);
  }
  if (cp) add('checkpoint-mismatch', cp.firstMismatch, cp.mismatched);
  if (ev && ev.firstRow !== null && ev.lastRow !== null) {
    const missing = ev.lastRow - ev.firstRow + 1 - events;
    add('missing-rows', ev.firstHoleAfter === null ? null : ev.firstHoleAfter + 1, missing);
  }
  if (cp) add('unarrived', cp.firstUnarrived, cp.unarrived);
  const status: DeskCheckStatus = findings.some((f) => REWRITES.includes(f.kind))
    ? 'rewritten'
    : findings.length > 0
      ? 'gap'
      : 'intact';
  return {
    desk,
    status,
    events,
    firstRow: ev?.firstRow ?? null,
    lastRow: ev?.lastRow ?? null,
    checkpoints: cp?.checkpoints ?? 0,
    findings,
  };
}

const ORDER: Record<DeskCheckStatus, number> = { rewritten: 0, gap: 1, intact: 2 };

/** Every desk seen in either answer, flagged desks first, then by name. */
export function decideDesks(eventRows: readonly Cells[], checkpointRows: readonly Cells[]): DeskCheck[] {
  const ev = new Map(eventRows.map((r) => [text(r.Desk), eventFigures(r)]));
  const cp = new Map(checkpointRows.map((r) => [text(r.Desk), checkpointFigures(r)]));
  const desks = [...new Set([...ev.keys(), ...cp.keys()])].filter((d) => d !== '');
  return desks
    .map((d) => decideDesk(d, ev.get(d), cp.get(d)))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.desk.localeCompare(b.desk));
}
