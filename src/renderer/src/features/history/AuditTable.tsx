// The audit events in the virtual-table shell (components/VirtualTable.tsx): the filter's whole count
// sizes the table, the slice fetches only the windows of `audit:list` the rows on screen fall in, and a
// row (Enter or a click) opens its call's timeline. The shown columns come from the screen: the agent's
// choice, or the defaults that fit the table's width.
import { useMemo } from 'react';
import type { AuditEvent } from '../../../../shared/audit';
import { VirtualTable } from '../../components/VirtualTable';
import { useStore } from '../../store';
import { auditColumns, COLUMN_IDS, minWidthRem, ROW_HEIGHT, useTableStyles, type AuditColumnId } from './auditColumns';

const opens = (e: AuditEvent) => e.callId !== null;

export function AuditTable({ hidden }: { hidden: readonly AuditColumnId[] }) {
  const styles = useTableStyles();
  const rows = useStore((s) => s.history.rows);
  const showRows = useStore((s) => s.showHistoryRows);
  const retry = useStore((s) => s.retryHistoryWindows);
  const openCall = useStore((s) => s.openCallTimeline);
  const shown = useMemo(() => COLUMN_IDS.filter((id) => !hidden.includes(id)), [hidden]);
  const columns = useMemo(() => auditColumns(shown, styles.id), [shown, styles.id]);
  return (
    <VirtualTable
      label="Audit events"
      testId="audit-scroller"
      columns={columns}
      minWidth={`${minWidthRem(shown)}rem`}
      rows={rows}
      rowHeight={ROW_HEIGHT}
      className={styles.scroller}
      onRange={showRows}
      onRetry={retry}
      onOpen={(e) => {
        if (e.callId !== null) void openCall(e.callId);
      }}
      canOpen={opens}
    />
  );
}
