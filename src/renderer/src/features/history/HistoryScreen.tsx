// History: the local audit trail, newest first, with the chain check on top, a filter applied in main,
// trends charts for the filter's dates, the rows in a virtualized table, a call's timeline in a drawer
// and a CSV export of the current filter. "Team" shows the same for every desk's forwarded trail, read
// from the team's Log Analytics workspace (TeamHistory.tsx), with the forwarding status line on top.
import { Body1, Button, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenTitle } from '../../components/ScreenTitle';
import { formatNumber } from '../../format';
import { useStore } from '../../store';
import { AuditTable } from './AuditTable';
import { defaultHidden, type AuditColumnId } from './auditColumns';
import { CallDrawer } from './CallDrawer';
import { ChainStatus } from './ChainStatus';
import { ColumnChooser } from './ColumnChooser';
import { ExportButton, ExportStatus } from './ExportPanel';
import { ForwardingStatusLine } from '../forwarding/ForwardingStatusLine';
import { FilterBar } from './FilterBar';
import { DeskChecksAlert, DeskFilter } from './DeskChecks';
import { HistoryModeSwitch, TeamExportButton, TeamExportStatus, TeamHistoryBody } from './TeamHistory';
import { TrendsPanel } from './TrendsPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  titleRow: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  titleActions: { display: 'flex', gap: tokens.spacingHorizontalS },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalXXL,
  },
  footer: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** The count under the table (a failed window's notice is the table's own). */
function TableStatus() {
  const total = useStore((s) => s.history.rows.total);
  const styles = useStyles();
  return (
    <div className={styles.footer}>
      <Text aria-live="polite">
        {formatNumber(total)} {total === 1 ? 'event' : 'events'} — newest first
      </Text>
    </div>
  );
}

/**
 * The columns the table hides: the agent's choice, or else the defaults that fit the screen's width
 * (measured here, so the column chooser and the table agree). The table's border and vertical
 * scrollbar take SCROLLER_CHROME_PX of it.
 */
const SCROLLER_CHROME_PX = 20;
function useHiddenColumns(): [RefObject<HTMLElement | null>, readonly AuditColumnId[]] {
  const ref = useRef<HTMLElement>(null);
  const [widthRem, setWidthRem] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setWidthRem((el.clientWidth - SCROLLER_CHROME_PX) / rem);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const chosen = useStore((s) => s.history.hiddenColumns) as AuditColumnId[] | null;
  return [ref, chosen ?? defaultHidden(widthRem)];
}

function HistoryBody({ hidden }: { hidden: readonly AuditColumnId[] }) {
  const list = useStore((s) => s.history.list);
  const total = useStore((s) => s.history.rows.total);
  const loadHistory = useStore((s) => s.loadHistory);
  const filtered = useStore((s) => Object.keys(s.history.filter).length > 0);
  const styles = useStyles();

  if (list.status === 'idle' || list.status === 'loading') return <Spinner label="Loading the audit trail…" />;
  if (list.status === 'error') {
    return <ErrorNotice title="Could not load the history" error={list.error} onRetry={() => void loadHistory()} />;
  }
  if (total === 0 && filtered) {
    return (
      <div className={styles.empty}>
        <Subtitle2 as="h2">No events match the filter</Subtitle2>
        <Body1>Widen the dates or clear a field to see more.</Body1>
      </div>
    );
  }
  if (total === 0) {
    return (
      <div className={styles.empty}>
        <Subtitle2 as="h2">No calls recorded yet</Subtitle2>
        <Body1>Verifications, resets and hand-overs appear here as agents work through calls.</Body1>
      </div>
    );
  }
  return (
    <>
      <AuditTable hidden={hidden} />
      <TableStatus />
    </>
  );
}

export function HistoryScreen() {
  const team = useStore((s) => s.teamHistory.mode === 'team');
  const load = useStore((s) => (s.teamHistory.mode === 'team' ? s.loadTeamHistory : s.loadHistory));
  const loadDeskChecks = useStore((s) => s.loadDeskChecks);
  // A filter applied from elsewhere (Trends' "List these resets") redraws the form with it.
  const filterKey = useStore((s) => JSON.stringify(s.history.filter));
  const loading = useStore((s) =>
    s.teamHistory.mode === 'team' ? s.teamHistory.list.status === 'loading' : s.history.list.status === 'loading',
  );
  const styles = useStyles();
  const [rootRef, hidden] = useHiddenColumns();

  // Reload on every visit: calls closed on the Caller screen since the last visit must show up.
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section ref={rootRef} className={styles.root} aria-labelledby="screen-title">
      <div className={styles.titleRow}>
        <ScreenTitle>History</ScreenTitle>
        <div className={styles.titleActions}>
          <ColumnChooser hidden={hidden} />
          {team ? <TeamExportButton /> : <ExportButton />}
          <Button
            icon={<ArrowClockwiseRegular />}
            onClick={() => {
              void load();
              // Team mode: the desk checks are part of what the lead refreshes.
              if (team) void loadDeskChecks();
            }}
            disabledFocusable={loading}
          >
            Refresh
          </Button>
        </div>
      </div>
      <HistoryModeSwitch />
      {team ? <ForwardingStatusLine /> : <ChainStatus />}
      {team && <DeskChecksAlert />}
      <FilterBar key={filterKey} extra={team ? <DeskFilter /> : null} />
      {team ? <TeamExportStatus /> : <ExportStatus />}
      <TrendsPanel />
      {team ? <TeamHistoryBody hidden={hidden} /> : <HistoryBody hidden={hidden} />}
      <CallDrawer />
    </section>
  );
}
