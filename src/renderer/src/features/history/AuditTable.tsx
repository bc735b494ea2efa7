// The audit events as a Fluent table. Issue 6 replaces this with a virtualized TanStack table; until then
// pages are appended with "Load more", which keeps the DOM small enough. A row of a call opens its timeline.
import {
  Badge,
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { memo } from 'react';
import { useStore } from '../../store';
import type { AuditEvent } from '../../../../shared/audit';
import { ACTION_LABELS, formatTime, OUTCOME_BADGES, verificationSummary } from './labels';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  // Fluent's fixed layout gives every column the same width, so UPNs overlap; size columns by content.
  table: { tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  id: { width: '3.5rem', fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3 },
  stack: { display: 'flex', flexDirection: 'column' },
  clickable: { cursor: 'pointer' },
});

const COLUMNS = ['#', 'Time', 'Agent', 'Caller', 'Action', 'Outcome', 'Verification', 'Ticket', 'Call'] as const;

function CallerCell({ name, upn }: { name: string | null; upn: string | null }) {
  const styles = useStyles();
  if (name === null && upn === null) return <span className={styles.muted}>—</span>;
  if (name === null || upn === null) return <>{name ?? upn}</>;
  return (
    <div className={styles.stack}>
      <span>{name}</span>
      <span className={styles.muted}>{upn}</span>
    </div>
  );
}

const EventRow = memo(function EventRow({ event }: { event: AuditEvent }) {
  const styles = useStyles();
  const outcome = OUTCOME_BADGES[event.outcome];
  const openCall = useStore((s) => s.openCallTimeline);
  const callId = event.callId;
  // The whole row is a mouse target; the button in the last cell is the keyboard's and screen reader's way in.
  return (
    <TableRow
      className={callId === null ? undefined : styles.clickable}
      onClick={callId === null ? undefined : () => void openCall(callId)}
    >
      <TableCell className={styles.id}>{event.id}</TableCell>
      <TableCell className={styles.nowrap}>
        <time dateTime={event.occurredAt}>{formatTime(event.occurredAt)}</time>
      </TableCell>
      <TableCell>{event.agentUpn}</TableCell>
      <TableCell>
        <CallerCell name={event.targetName} upn={event.targetUpn} />
      </TableCell>
      <TableCell>{ACTION_LABELS[event.action]}</TableCell>
      <TableCell>
        <Badge appearance="tint" color={outcome.color}>
          {outcome.label}
        </Badge>
      </TableCell>
      <TableCell>{verificationSummary(event.verification)}</TableCell>
      <TableCell>{event.ticketRef ?? <span className={styles.muted}>—</span>}</TableCell>
      <TableCell>
        {callId === null ? (
          <span className={styles.muted}>—</span>
        ) : (
          <Button
            size="small"
            appearance="subtle"
            aria-label={`Open the timeline of call ${callId}`}
            onClick={(e) => {
              e.stopPropagation();
              void openCall(callId);
            }}
          >
            Timeline
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
});

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const styles = useStyles();
  return (
    <div className={styles.scroller}>
      <Table aria-label="Audit events" size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            {COLUMNS.map((column) => (
              <TableHeaderCell key={column} className={column === '#' ? styles.id : undefined}>
                {column}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {events.map((event) => (
            <EventRow key={event.id} event={event} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
