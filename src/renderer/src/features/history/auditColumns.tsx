// The History table's columns (as data for components/VirtualTable.tsx, each with its width, whether it
// shows by default and which go first when the table is narrow). The defaults that fit the table's width
// show without horizontal scrolling (all of them at 1366 px); the column chooser adds the rest. Cells are
// light on purpose: a fast scroll mounts dozens of rows per frame.
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { AuditEvent } from '../../../../shared/audit';
import type { VirtualColumn } from '../../components/VirtualTable';
import { formatDateTimeZoned, formatUtc } from '../../format';
import { useStore } from '../../store';
import { ACTION_LABELS, CALL_OUTCOME_BADGES, OUTCOME_BADGES, verificationSummary } from './labels';

export const ROW_HEIGHT = 36;

export const useTableStyles = makeStyles({
  scroller: { height: 'min(70vh, 40rem)' },
  id: { fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3 },
  // A plain button styled like Fluent's subtle small one: cheaper to mount by the dozen.
  callButton: {
    border: 'none',
    background: 'none',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
});

function Muted({ children }: { children: string }) {
  return <span className={useTableStyles().muted}>{children}</span>;
}

function CallButton({ callId, caller, at }: { callId: string; caller: string; at: string }) {
  const styles = useTableStyles();
  // Out of the tab order: the row is the keyboard's way in (Enter); the button is the pointer's.
  return (
    <button
      type="button"
      tabIndex={-1}
      className={styles.callButton}
      aria-label={`Open the timeline of the call with ${caller}, ${at}`}
      onClick={(e) => {
        e.stopPropagation();
        void useStore.getState().openCallTimeline(callId);
      }}
    >
      Timeline
    </button>
  );
}

/**
 * What the layout needs of a column: its grid track, the least it takes (the track's minimum: the table
 * scrolls sideways only when the shown columns' minimums do not fit), and whether it shows unasked.
 */
export interface ColumnLayout {
  label: string;
  track: string;
  minRem: number;
  byDefault: boolean;
}

export const COLUMN_LAYOUT = {
  id: { label: 'Row number', track: '4.5rem', minRem: 4.5, byDefault: false },
  time: { label: 'Time', track: 'minmax(12rem, 13rem)', minRem: 12, byDefault: true },
  agent: { label: 'Agent', track: 'minmax(6rem, 1fr)', minRem: 6, byDefault: true },
  caller: { label: 'Caller', track: 'minmax(6rem, 1.4fr)', minRem: 6, byDefault: true },
  action: { label: 'Action', track: 'minmax(8rem, 9.5rem)', minRem: 8, byDefault: true },
  result: { label: 'Result', track: 'minmax(6rem, 7rem)', minRem: 6, byDefault: true },
  callOutcome: { label: 'Call outcome', track: 'minmax(6.5rem, 7rem)', minRem: 6.5, byDefault: true },
  verification: { label: 'Verification', track: 'minmax(11rem, 1fr)', minRem: 11, byDefault: false },
  ticket: { label: 'Ticket', track: 'minmax(5rem, 6rem)', minRem: 5, byDefault: true },
  call: { label: 'Timeline', track: '5.5rem', minRem: 5.5, byDefault: true },
} as const satisfies Record<string, ColumnLayout>;
export type AuditColumnId = keyof typeof COLUMN_LAYOUT;
export const COLUMN_IDS = Object.keys(COLUMN_LAYOUT) as AuditColumnId[];
export const DEFAULT_HIDDEN: AuditColumnId[] = COLUMN_IDS.filter((id) => !COLUMN_LAYOUT[id].byDefault);
/**
 * The default columns a narrow table leaves out, first to last: the ticket, the timeline button (a click
 * or Enter on the row opens the timeline too), the agent, then the call's outcome.
 */
const NARROW_DROPS: readonly AuditColumnId[] = ['ticket', 'call', 'agent', 'callOutcome'];
/** The row's side padding (spacingHorizontalS on each side), in rem. */
const ROW_PADDING_REM = 1;
/** The gap between two columns (spacingHorizontalS), in rem. */
const GAP_REM = 0.5;

/** The width (rem) under which the shown columns make the table scroll sideways. */
export function minWidthRem(shown: readonly AuditColumnId[]): number {
  const columns = shown.reduce((n, id) => n + COLUMN_LAYOUT[id].minRem, 0);
  return columns + Math.max(0, shown.length - 1) * GAP_REM + ROW_PADDING_REM;
}

/**
 * The columns hidden when the agent has not chosen any: the defaults, less the ones a table `widthRem`
 * wide cannot hold without scrolling sideways (NARROW_DROPS order). An unknown width keeps the defaults.
 */
export function defaultHidden(widthRem: number | null): AuditColumnId[] {
  const hidden = [...DEFAULT_HIDDEN];
  if (widthRem === null) return hidden;
  for (const id of NARROW_DROPS) {
    if (minWidthRem(COLUMN_IDS.filter((c) => !hidden.includes(c))) <= widthRem) break;
    hidden.push(id);
  }
  return hidden;
}

const callerName = (e: AuditEvent) => e.targetName ?? e.targetUpn ?? 'no caller';

function Caller({ e }: { e: AuditEvent }) {
  if (e.targetName === null && e.targetUpn === null) return <Muted>—</Muted>;
  if (e.targetName === null || e.targetUpn === null) return <>{e.targetName ?? e.targetUpn}</>;
  return (
    <span title={`${e.targetName} (${e.targetUpn})`}>
      {e.targetName} <Muted>{e.targetUpn}</Muted>
    </span>
  );
}

function CallOutcome({ e }: { e: AuditEvent }) {
  const outcome = e.callOutcome ?? null;
  if (outcome === null) return <Muted>{e.callId === null ? '—' : 'Open'}</Muted>;
  const badge = CALL_OUTCOME_BADGES[outcome];
  return (
    <Badge appearance="outline" color={badge.color}>
      {badge.label}
    </Badge>
  );
}

type Cell = VirtualColumn<AuditEvent>['cell'];

const CELLS: Record<AuditColumnId, { header: string; cell: Cell }> = {
  id: { header: '#', cell: (e) => e.id },
  time: {
    header: 'Time',
    cell: (e) => (
      <time dateTime={e.occurredAt} title={`${formatDateTimeZoned(e.occurredAt)} — ${formatUtc(e.occurredAt)}`}>
        {formatDateTimeZoned(e.occurredAt, { seconds: false })}
      </time>
    ),
  },
  agent: { header: 'Agent', cell: (e) => e.agentUpn },
  caller: { header: 'Caller', cell: (e) => <Caller e={e} /> },
  action: { header: 'Action', cell: (e) => <span title={ACTION_LABELS[e.action]}>{ACTION_LABELS[e.action]}</span> },
  result: {
    header: 'Result',
    cell: (e) => {
      const badge = OUTCOME_BADGES[e.outcome];
      return (
        <Badge appearance="tint" color={badge.color} title={badge.label}>
          {badge.label}
        </Badge>
      );
    },
  },
  callOutcome: { header: 'Call outcome', cell: (e) => <CallOutcome e={e} /> },
  verification: { header: 'Verification', cell: (e) => verificationSummary(e.verification) },
  ticket: { header: 'Ticket', cell: (e) => e.ticketRef ?? <Muted>—</Muted> },
  call: {
    header: 'Call',
    cell: (e) =>
      e.callId === null ? (
        <Muted>—</Muted>
      ) : (
        <CallButton
          callId={e.callId}
          caller={callerName(e)}
          at={formatDateTimeZoned(e.occurredAt, { seconds: false })}
        />
      ),
  },
};

/** The shown columns as VirtualTable columns, in the table's order. */
export function auditColumns(shown: readonly AuditColumnId[], idClass: string): VirtualColumn<AuditEvent>[] {
  return shown.map((id) => ({
    id,
    header: CELLS[id].header,
    track: COLUMN_LAYOUT[id].track,
    cell: CELLS[id].cell,
    ...(id === 'id' ? { cellClassName: idClass } : {}),
  }));
}
