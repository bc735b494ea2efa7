// Self-service events from the cache, newest first. Volumes are small (a tenant's week of SSPR
// activity), so pages are appended with "Load more" rather than virtualized.
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
import { FilterRegular } from '@fluentui/react-icons';
import { memo } from 'react';
import type { SsprEvent } from '../../../../shared/sspr';
import { formatDateTime } from '../../format';
import { useStore } from '../../store';
import { ssprUserLabel } from '../../store/ssprSlice';
import { KIND_LABELS, resultBadge } from './labels';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  table: { tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  stack: { display: 'flex', flexDirection: 'column' },
});

const COLUMNS = ['Time', 'User', 'Activity', 'Result', 'Reason', 'Actor'] as const;

const EventRow = memo(function EventRow({ event, filtered }: { event: SsprEvent; filtered: boolean }) {
  const styles = useStyles();
  const setUser = useStore((s) => s.setSsprUser);
  const badge = resultBadge(event.result);
  const label = ssprUserLabel(event);
  const userId = event.userId;
  const none = <span className={styles.muted}>—</span>;
  return (
    <TableRow>
      <TableCell className={styles.nowrap}>
        <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
      </TableCell>
      <TableCell>
        <div className={styles.user}>
          <div className={styles.stack}>
            <span>{label}</span>
            {event.userUpn !== null && event.userUpn !== label && <span className={styles.muted}>{event.userUpn}</span>}
          </div>
          {userId !== null && !filtered && (
            <Button
              size="small"
              appearance="subtle"
              icon={<FilterRegular />}
              aria-label={`Show only ${label}`}
              title={`Show only ${label}`}
              onClick={() => void setUser({ id: userId, label })}
            />
          )}
        </div>
      </TableCell>
      <TableCell>{KIND_LABELS[event.kind]}</TableCell>
      <TableCell>
        <Badge appearance="tint" color={badge.color}>
          {badge.label}
        </Badge>
      </TableCell>
      <TableCell>{event.resultReason ?? none}</TableCell>
      <TableCell>{event.actorUpn ?? none}</TableCell>
    </TableRow>
  );
});

export function SsprTable({ events }: { events: SsprEvent[] }) {
  const styles = useStyles();
  const filtered = useStore((s) => s.sspr.user !== null);
  return (
    <div className={styles.scroller}>
      <Table aria-label="Self-service events" size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            {COLUMNS.map((column) => (
              <TableHeaderCell key={column}>{column}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {events.map((event) => (
            <EventRow key={event.id} event={event} filtered={filtered} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
