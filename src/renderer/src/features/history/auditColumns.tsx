// The History table's columns (TanStack Table definitions) and the styles its grid rows share. Cells
// are light on purpose: a fast scroll mounts dozens of rows per frame.
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { createColumnHelper } from '@tanstack/react-table';
import type { AuditEvent } from '../../../../shared/audit';
import { formatDateTime } from '../../format';
import { useStore } from '../../store';
import { ACTION_LABELS, OUTCOME_BADGES, verificationSummary } from './labels';

export const ROW_HEIGHT = 36;
export const HEADER_HEIGHT = 36;
const GRID = '4.5rem 11rem minmax(11rem, 1fr) minmax(13rem, 1.4fr) 12rem 6.5rem minmax(11rem, 1fr) 7rem 7rem';

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
  inner: { minWidth: '78rem' },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: GRID,
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

function CallButton({ callId }: { callId: string }) {
  const styles = useTableStyles();
  // Out of the tab order: the row is the keyboard's way in (Enter); the button is the pointer's.
  return (
    <button
      type="button"
      tabIndex={-1}
      className={styles.callButton}
      aria-label={`Open the timeline of call ${callId}`}
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
export const AUDIT_COLUMNS = [
  column.accessor('id', { header: '#' }),
  column.accessor('occurredAt', {
    header: 'Time',
    cell: (c) => <time dateTime={c.getValue()}>{formatDateTime(c.getValue())}</time>,
  }),
  column.accessor('agentUpn', { header: 'Agent' }),
  column.display({
    id: 'caller',
    header: 'Caller',
    cell: ({ row: { original: e } }) => {
      if (e.targetName === null && e.targetUpn === null) return <Muted>—</Muted>;
      if (e.targetName === null || e.targetUpn === null) return e.targetName ?? e.targetUpn;
      return (
        <>
          {e.targetName} <Muted>{e.targetUpn}</Muted>
        </>
      );
    },
  }),
  column.accessor('action', { header: 'Action', cell: (c) => ACTION_LABELS[c.getValue()] }),
  column.accessor('outcome', {
    header: 'Outcome',
    cell: (c) => {
      const badge = OUTCOME_BADGES[c.getValue()];
      return (
        <Badge appearance="tint" color={badge.color}>
          {badge.label}
        </Badge>
      );
    },
  }),
  column.accessor('verification', { header: 'Verification', cell: (c) => verificationSummary(c.getValue()) }),
  column.accessor('ticketRef', { header: 'Ticket', cell: (c) => c.getValue() ?? <Muted>—</Muted> }),
  column.accessor('callId', {
    header: 'Call',
    cell: (c) => {
      const callId = c.getValue();
      return callId === null ? <Muted>—</Muted> : <CallButton callId={callId} />;
    },
  }),
];
