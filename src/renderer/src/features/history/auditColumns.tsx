// The History table's columns (TanStack Table definitions, each with its width and whether it shows by
// default) and the styles its grid rows share. The defaults fit 1366 px without horizontal scrolling; the
// column chooser adds the rest. Cells are light on purpose: a fast scroll mounts dozens of rows per frame.
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { createColumnHelper } from '@tanstack/react-table';
import type { AuditEvent } from '../../../../shared/audit';
import { formatDateTimeZoned, formatUtc } from '../../format';
import { useStore } from '../../store';
import { ACTION_LABELS, CALL_OUTCOME_BADGES, OUTCOME_BADGES, verificationSummary } from './labels';

export const ROW_HEIGHT = 36;
export const HEADER_HEIGHT = 36;

export const useTableStyles = makeStyles({
  scroller: {
    position: 'relative',
    height: 'min(70vh, 40rem)',
    minHeight: '16rem',
    overflow: 'auto',
    overflowAnchor: 'none',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  inner: {},
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  row: {
    display: 'grid',
    alignItems: 'center',
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    paddingInline: tokens.spacingHorizontalS,
    columnGap: tokens.spacingHorizontalS,
  },
  body: { position: 'relative' },
  window: { position: 'absolute', top: 0, left: 0, right: 0, willChange: 'transform' },
  bodyRow: {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  plain: { cursor: 'default' },
  headCell: { fontWeight: tokens.fontWeightSemibold },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  id: { fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3 },
  placeholder: { color: tokens.colorNeutralForeground4 },
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

const column = createColumnHelper<AuditEvent>();

/** What the layout needs of a column: its grid track, the least it takes, and whether it shows unasked. */
export interface ColumnLayout {
  label: string;
  track: string;
  minRem: number;
  byDefault: boolean;
}

export const COLUMN_LAYOUT = {
  id: { label: 'Row number', track: '4.5rem', minRem: 4.5, byDefault: false },
  time: { label: 'Time', track: '13rem', minRem: 13, byDefault: true },
  agent: { label: 'Agent', track: 'minmax(7rem, 1fr)', minRem: 7, byDefault: true },
  caller: { label: 'Caller', track: 'minmax(6rem, 1.4fr)', minRem: 6, byDefault: true },
  action: { label: 'Action', track: '9.5rem', minRem: 9.5, byDefault: true },
  result: { label: 'Result', track: '7rem', minRem: 7, byDefault: true },
  callOutcome: { label: 'Call outcome', track: '7rem', minRem: 7, byDefault: true },
  verification: { label: 'Verification', track: 'minmax(11rem, 1fr)', minRem: 11, byDefault: false },
  ticket: { label: 'Ticket', track: '6rem', minRem: 6, byDefault: true },
  call: { label: 'Timeline', track: '5.5rem', minRem: 5.5, byDefault: true },
} as const satisfies Record<string, ColumnLayout>;
export type AuditColumnId = keyof typeof COLUMN_LAYOUT;
export const COLUMN_IDS = Object.keys(COLUMN_LAYOUT) as AuditColumnId[];
export const DEFAULT_HIDDEN: AuditColumnId[] = COLUMN_IDS.filter((id) => !COLUMN_LAYOUT[id].byDefault);

/** The grid tracks of the shown columns, and the width under which the table scrolls sideways. */
export function gridFor(shown: readonly AuditColumnId[]): { template: string; minWidth: string } {
  const minRem = shown.reduce((n, id) => n + COLUMN_LAYOUT[id].minRem + 0.5, 1);
  return { template: shown.map((id) => COLUMN_LAYOUT[id].track).join(' '), minWidth: `${minRem}rem` };
}

const callerName = (e: AuditEvent) => e.targetName ?? e.targetUpn ?? 'no caller';

export const AUDIT_COLUMNS = [
  column.accessor('id', { id: 'id', header: '#' }),
  column.accessor('occurredAt', {
    id: 'time',
    header: 'Time',
    cell: (c) => (
      <time dateTime={c.getValue()} title={`${formatDateTimeZoned(c.getValue())} — ${formatUtc(c.getValue())}`}>
        {formatDateTimeZoned(c.getValue(), { seconds: false })}
      </time>
    ),
  }),
  column.accessor('agentUpn', { id: 'agent', header: 'Agent' }),
  column.display({
    id: 'caller',
    header: 'Caller',
    cell: ({ row: { original: e } }) => {
      if (e.targetName === null && e.targetUpn === null) return <Muted>—</Muted>;
      if (e.targetName === null || e.targetUpn === null) return e.targetName ?? e.targetUpn;
      return (
        <span title={`${e.targetName} (${e.targetUpn})`}>
          {e.targetName} <Muted>{e.targetUpn}</Muted>
        </span>
      );
    },
  }),
  column.accessor('action', {
    id: 'action',
    header: 'Action',
    cell: (c) => <span title={ACTION_LABELS[c.getValue()]}>{ACTION_LABELS[c.getValue()]}</span>,
  }),
  column.accessor('outcome', {
    id: 'result',
    header: 'Result',
    cell: (c) => {
      const badge = OUTCOME_BADGES[c.getValue()];
      return (
        <Badge appearance="tint" color={badge.color} title={badge.label}>
          {badge.label}
        </Badge>
      );
    },
  }),
  column.accessor((e) => e.callOutcome ?? null, {
    id: 'callOutcome',
    header: 'Call outcome',
    cell: (c) => {
      const outcome = c.getValue();
      const callId = c.row.original.callId;
      if (outcome === null) return <Muted>{callId === null ? '—' : 'Open'}</Muted>;
      const badge = CALL_OUTCOME_BADGES[outcome];
      return (
        <Badge appearance="outline" color={badge.color}>
          {badge.label}
        </Badge>
      );
    },
  }),
  column.accessor('verification', {
    id: 'verification',
    header: 'Verification',
    cell: (c) => verificationSummary(c.getValue()),
  }),
  column.accessor('ticketRef', { id: 'ticket', header: 'Ticket', cell: (c) => c.getValue() ?? <Muted>—</Muted> }),
  column.accessor('callId', {
    id: 'call',
    header: 'Call',
    cell: (c) => {
      const callId = c.getValue();
      const e = c.row.original;
      return callId === null ? (
        <Muted>—</Muted>
      ) : (
        <CallButton callId={callId} caller={callerName(e)} at={formatDateTimeZoned(e.occurredAt, { seconds: false })} />
      );
    },
  }),
];
