// History's "Team" view: the same filter, columns (plus the desk), drawer and trends as "This PC", read
// from the team's Log Analytics workspace; the count per desk above the table; the filter's CSV, which main
// writes from the workspace as a `team-export` job (progress and Cancel in the shared JobStatus, the file
// delivered as History's is). Above the table, the desk checks (DeskChecks.tsx); under History's filter,
// the team view's own "Desk" filter.
import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import type { Job } from '../../../../shared/jobs';
import { TEAM_EXPORT_MAX, type TeamEvent } from '../../../../shared/team';
import { ErrorNotice } from '../../components/ErrorNotice';
import { deliverExport, EXPORT_WORDS, JobStatus } from '../../components/JobStatus';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { formatNumber } from '../../format';
import { useStore } from '../../store';
import type { HistoryMode } from '../../store/teamHistorySlice';
import { DeskChecksRegion } from './DeskChecks';
import { auditColumns, COLUMN_IDS, minWidthRem, ROW_HEIGHT, useTableStyles, type AuditColumnId } from './auditColumns';

const useStyles = makeStyles({
  empty: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalXXL,
  },
  footer: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** "This PC" / "Team": which trail History shows. */
export function HistoryModeSwitch() {
  const mode = useStore((s) => s.teamHistory.mode);
  const setMode = useStore((s) => s.setHistoryMode);
  return (
    <TabList
      aria-label="Whose history"
      selectedValue={mode}
      onTabSelect={(_, data) => void setMode(data.value as HistoryMode)}
    >
      <Tab value="pc">This PC</Tab>
      <Tab value="team">Team</Tab>
    </TabList>
  );
}

const DESK_TRACK = 'minmax(6rem, 8rem)';
const DESK_MIN_REM = 6;

/** History's columns with the desk first (the row number is the desk's own, so it follows the desk). */
function useTeamColumns(hidden: readonly AuditColumnId[], idClass: string): VirtualColumn<TeamEvent>[] {
  return useMemo(() => {
    const shown = COLUMN_IDS.filter((id) => !hidden.includes(id) && id !== 'call');
    const desk: VirtualColumn<TeamEvent> = { id: 'desk', header: 'Desk', track: DESK_TRACK, cell: (e) => e.desk };
    return [desk, ...(auditColumns(shown, idClass) as unknown as VirtualColumn<TeamEvent>[])];
  }, [hidden, idClass]);
}

function TeamTable({ hidden }: { hidden: readonly AuditColumnId[] }) {
  const styles = useTableStyles();
  const rows = useStore((s) => s.teamHistory.rows);
  const showRows = useStore((s) => s.showTeamRows);
  const retry = useStore((s) => s.retryTeamWindows);
  const openCall = useStore((s) => s.openTeamCall);
  const columns = useTeamColumns(hidden, styles.id);
  const shown = COLUMN_IDS.filter((id) => !hidden.includes(id) && id !== 'call');
  return (
    <VirtualTable
      label="Team audit events"
      testId="team-scroller"
      columns={columns}
      minWidth={`${minWidthRem(shown) + DESK_MIN_REM}rem`}
      rows={rows}
      rowHeight={ROW_HEIGHT}
      className={styles.scroller}
      onRange={showRows}
      onRetry={retry}
      onOpen={(e) => {
        if (e.callId !== null) void openCall(e.callId);
      }}
      canOpen={(e) => e.callId !== null}
    />
  );
}

function TeamStatus() {
  const list = useStore((s) => s.teamHistory.list);
  const styles = useStyles();
  if (list.status !== 'ready') return null;
  const { total, desks } = list.value;
  return (
    <div className={styles.footer}>
      <Text aria-live="polite">
        {formatNumber(total)} {total === 1 ? 'event' : 'events'} from {formatNumber(desks.length)}{' '}
        {desks.length === 1 ? 'desk' : 'desks'} — newest first
      </Text>
      <Caption1 data-testid="team-desks">
        {desks.map((d) => `${d.desk}: ${formatNumber(d.count)}`).join(' · ')}
      </Caption1>
    </div>
  );
}

export function TeamHistoryBody({ hidden }: { hidden: readonly AuditColumnId[] }) {
  return (
    <>
      <DeskChecksRegion />
      <TeamRows hidden={hidden} />
    </>
  );
}

function TeamRows({ hidden }: { hidden: readonly AuditColumnId[] }) {
  const list = useStore((s) => s.teamHistory.list);
  const load = useStore((s) => s.loadTeamHistory);
  const filtered = useStore((s) => Object.keys(s.history.filter).length > 0 || s.teamHistory.desk !== undefined);
  const styles = useStyles();
  if (list.status === 'idle' || list.status === 'loading')
    return <Spinner label="Asking the team's workspace in Azure Monitor…" />;
  if (list.status === 'error')
    return <ErrorNotice title="Could not load the team's history" error={list.error} onRetry={() => void load()} />;
  if (list.value.total === 0) {
    return (
      <div className={styles.empty}>
        <Subtitle2 as="h2">{filtered ? 'No team events match the filter' : 'No team events forwarded yet'}</Subtitle2>
        <Body1>
          {filtered
            ? 'Widen the dates or clear a field to see more.'
            : "Each desk's calls appear here once its audit trail reaches the team's workspace."}
        </Body1>
      </div>
    );
  }
  return (
    <>
      <TeamTable hidden={hidden} />
      <TeamStatus />
    </>
  );
}

/** Hands the finished file over: a browser download (browser host) or the path Electron saved it to. */
const deliver = (job: Job): Promise<void> => deliverExport(job, 'resetline-team-history.csv');

export function TeamExportButton() {
  const running = useStore((s) => s.teamHistory.export.status === 'running');
  const ready = useStore((s) => s.teamHistory.list.status === 'ready' && s.teamHistory.rows.total > 0);
  const start = useStore((s) => s.exportTeamCsv);
  return (
    <Button icon={<ArrowDownloadRegular />} onClick={() => void start(deliver)} disabledFocusable={running || !ready}>
      Export CSV
    </Button>
  );
}

/** Under History's filter in Team mode: the export job (rows written, Cancel, what became of it), or the CSV's limit. */
export function TeamExportStatus() {
  const state = useStore((s) => s.teamHistory.export);
  const total = useStore((s) => s.teamHistory.rows.total);
  const cancel = useStore((s) => s.cancelTeamExport);
  const dismiss = useStore((s) => s.dismissTeamExport);
  const start = useStore((s) => s.exportTeamCsv);
  if (state.status !== 'idle')
    return (
      <JobStatus
        state={state}
        words={EXPORT_WORDS}
        onCancel={() => void cancel()}
        onDismiss={dismiss}
        onRetry={() => void start(deliver)}
      />
    );
  if (total > TEAM_EXPORT_MAX)
    return (
      <Caption1>
        The team CSV holds the newest {formatNumber(TEAM_EXPORT_MAX)} rows of the filter; narrow the dates for the rest.
      </Caption1>
    );
  return null;
}
