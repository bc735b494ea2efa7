// History's Trends, from `audit:get-stats` for the filter's dates (the last 30 days without any)
// and agent: password resets per day by result (the `success` ones are the resets every screen counts,
// RESET_DEFINITION), verification pass/fail by check type, volume per agent, and
// the time from search to hand-over. Each chart has a written summary and its figures as a table, so
// a screen reader gets the numbers the bars draw.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { RESET_DEFINITION, type AuditOutcome } from '../../../../shared/audit';
import type { AuditStats } from '../../../../shared/history';
import { BarChart } from '../../components/BarChart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ChartFigure, FigureTile, FigureTiles } from '../../components/Figures';
import { formatDate, formatDayLong, formatNumber } from '../../format';
import { useStore } from '../../store';
import { OUTCOME_BADGES, VERIFICATION_LABELS } from './labels';
import { formatDuration, resetsByDay, trendTotals } from './trends';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(24rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

// Outcome colours match the table's badges.
const OUTCOME_COLORS: Record<AuditOutcome, string> = {
  success: tokens.colorPaletteGreenBackground3,
  failure: tokens.colorPaletteRedBackground3,
  pending: tokens.colorPaletteYellowBackground3,
  refused: tokens.colorPaletteDarkOrangeBackground3,
  info: tokens.colorPaletteBlueBackground2,
};

/** The busiest agents drawn (and tabled): more would make the chart a long list. */
export const AGENTS_SHOWN = 10;

const count = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** Applies History's filter for the resets Trends counts (RESET_DEFINITION), keeping the dates and agent. */
function ShowResets() {
  const apply = useStore((s) => (s.teamHistory.mode === 'team' ? s.applyTeamFilter : s.applyHistoryFilter));
  const filter = useStore((s) => s.history.filter);
  const { from, to, agentUpn } = filter;
  return (
    <Button
      size="small"
      appearance="subtle"
      onClick={() =>
        void apply({
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          ...(agentUpn === undefined ? {} : { agentUpn }),
          ...RESET_DEFINITION,
        })
      }
    >
      List these resets
    </Button>
  );
}

/** The three charts, with their figures tables: exported for the chart-label tests. */
export function TrendsCharts({ stats }: { stats: AuditStats }) {
  const styles = useStyles();
  const totals = trendTotals(stats);
  const { outcomes, days } = resetsByDay(stats);
  const verification = stats.verificationByType;
  const checked = verification.filter((v) => v.passed + v.failed > 0);
  const agents = stats.perAgent.slice(0, AGENTS_SHOWN);
  const handover = stats.timeToHandover;
  const team = 'source' in stats && stats.source === 'team';
  const resetsSummary =
    days.length === 0
      ? 'No password resets in this range.'
      : `${count(totals.attempts, 'password reset', 'password resets')} over ${count(days.length, 'day', 'days')}: ` +
        outcomes
          .map((o) => `${days.reduce((n, d) => n + d.counts[o], 0)} ${OUTCOME_BADGES[o].label.toLowerCase()}`)
          .join(', ') +
        '.';
  const outcomeHeaders = outcomes.map((o) => OUTCOME_BADGES[o].label);
  return (
    <div className={styles.body}>
      <FigureTiles label="Trend figures">
        <FigureTile term="Calls opened" value={formatNumber(totals.calls)} />
        <FigureTile
          testId="trends-resets"
          term="Resets (passwords Microsoft confirmed)"
          value={formatNumber(totals.successfulResets)}
        />
        {/* The team's workspace answers counts, not this PC's per-call hand-over times. */}
        {!team && (
          <>
            <FigureTile term="Median search to hand-over" value={formatDuration(handover.medianMs)} />
            <FigureTile term="90th percentile search to hand-over" value={formatDuration(handover.p90Ms)} />
            <FigureTile term="Calls that reached a hand-over" value={formatNumber(handover.calls)} />
          </>
        )}
      </FigureTiles>
      {totals.successfulResets > 0 && (
        <div>
          <ShowResets />
        </div>
      )}
      <div className={styles.charts}>
        <ChartFigure
          id="trend-resets"
          title="Password resets per day by result"
          summary={resetsSummary}
          headers={['Day (UTC)', ...outcomeHeaders, 'Total']}
          rows={days.map((d) => [formatDayLong(d.day), ...outcomes.map((o) => d.counts[o]), d.total])}
        >
          {days.length > 0 && (
            <BarChart
              name="Password resets per day by result"
              mode="stacked"
              series={outcomes.map((o) => ({ label: OUTCOME_BADGES[o].label, color: OUTCOME_COLORS[o] }))}
              rows={days.map((d) => ({ label: formatDayLong(d.day), values: outcomes.map((o) => d.counts[o]) }))}
            />
          )}
        </ChartFigure>
        <ChartFigure
          id="trend-verification"
          title="Verification by check type"
          summary={
            checked.length === 0
              ? 'No closed calls with a verification in this range.'
              : `${count(totals.verificationPassed, 'check', 'checks')} passed and ${formatNumber(totals.verificationFailed)} failed on closed calls: ` +
                checked.map((v) => `${VERIFICATION_LABELS[v.type]} ${v.passed} passed, ${v.failed} failed`).join('; ') +
                '.'
          }
          headers={['Check', 'Passed', 'Failed']}
          rows={verification.map((v) => [VERIFICATION_LABELS[v.type], v.passed, v.failed])}
        >
          {checked.length > 0 && (
            <BarChart
              name="Verification by check type"
              mode="grouped"
              series={[
                { label: 'Passed', color: OUTCOME_COLORS.success },
                { label: 'Failed', color: OUTCOME_COLORS.failure },
              ]}
              rows={verification.map((v) => ({ label: VERIFICATION_LABELS[v.type], values: [v.passed, v.failed] }))}
            />
          )}
        </ChartFigure>
        <ChartFigure
          id="trend-agents"
          title="Volume per agent"
          summary={
            agents.length === 0
              ? 'No calls in this range.'
              : `Busiest: ${agents[0]?.agentUpn ?? ''} with ${count(agents[0]?.calls ?? 0, 'call', 'calls')} and ` +
                `${count(agents[0]?.resets ?? 0, 'reset', 'resets')}; ${count(stats.perAgent.length, 'agent', 'agents')} in all` +
                (stats.perAgent.length > AGENTS_SHOWN ? `, the ${AGENTS_SHOWN} busiest shown.` : '.')
          }
          headers={['Agent', 'Calls', 'Resets']}
          rows={agents.map((a) => [a.agentUpn, a.calls, a.resets])}
        >
          {agents.length > 0 && (
            <BarChart
              name="Volume per agent"
              mode="grouped"
              series={[
                { label: 'Calls', color: tokens.colorPaletteBlueBackground2 },
                { label: 'Resets', color: tokens.colorPaletteGreenBackground3 },
              ]}
              rows={agents.map((a) => ({ label: a.agentUpn, values: [a.calls, a.resets] }))}
            />
          )}
        </ChartFigure>
      </div>
    </div>
  );
}

function TrendsBody() {
  const stats = useStore((s) => (s.teamHistory.mode === 'team' ? s.teamHistory.trends : s.history.stats));
  const reload = useStore((s) => (s.teamHistory.mode === 'team' ? s.loadTeamTrends : s.loadHistoryStats));
  if (stats.status === 'idle' || stats.status === 'loading') return <Spinner size="small" label="Counting…" />;
  if (stats.status === 'error') {
    return <ErrorNotice title="Could not compute the trends" error={stats.error} onRetry={() => void reload()} />;
  }
  const { value } = stats;
  const range = `${formatDate(value.from, { utc: true })} – ${formatDate(value.to, { utc: true })} (UTC)`;
  const empty = value.resetsPerDay.length === 0 && value.perAgent.length === 0 && value.timeToHandover.calls === 0;
  return (
    <>
      <Body1 as="p">{range}: the filter&apos;s dates, or the last 30 days when it has none.</Body1>
      {empty ? <Body1 as="p">No calls or resets in this range.</Body1> : <TrendsCharts stats={value} />}
    </>
  );
}

/** Collapsible, closed by default: the table stays the screen's first content. */
export function TrendsPanel() {
  return (
    <section aria-label="Trends">
      <Accordion collapsible>
        <AccordionItem value="trends">
          <AccordionHeader as="h2">Trends</AccordionHeader>
          <AccordionPanel>
            <TrendsBody />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
