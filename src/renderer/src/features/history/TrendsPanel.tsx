// History's Trends, from `audit:stats` for the filter's dates (the last 30 days without any)
// and agent: resets per day by outcome, verification pass/fail by check type, volume per agent, and
// the time from search to hand-over. Each chart has a written summary and its figures as a table, so
// a screen reader gets the numbers the bars draw.
import { GroupedVerticalBarChart, VerticalStackedBarChart } from '@fluentui/react-charts';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Caption1,
  makeStyles,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { AuditStats } from '../../../../shared/history';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FigureTile, FigureTiles, FiguresTable } from '../../components/Figures';
import { formatDate, formatDay, formatNumber } from '../../format';
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
  chart: { margin: 0, minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

// Outcome colours match the table's badges.
const OUTCOME_COLORS: Record<string, string> = {
  success: tokens.colorPaletteGreenBackground3,
  failure: tokens.colorPaletteRedBackground3,
  pending: tokens.colorPaletteYellowBackground3,
  refused: tokens.colorPaletteDarkOrangeBackground3,
  info: tokens.colorPaletteBlueBackground2,
};

/** The figures behind a chart, as a table a screen reader can walk. */
function FigureTable({ name, headers, rows }: { name: string; headers: string[]; rows: (string | number)[][] }) {
  return <FiguresTable summary={`Figures: ${name.toLowerCase()}`} label={name} headers={headers} rows={rows} />;
}

function ChartFigure(props: { id: string; title: string; summary: string; children: ReactNode; table: ReactNode }) {
  const styles = useStyles();
  return (
    <figure className={styles.chart} aria-labelledby={`${props.id}-title`} aria-describedby={`${props.id}-summary`}>
      <Subtitle2 as="h3" id={`${props.id}-title`}>
        {props.title}
      </Subtitle2>
      {props.children}
      <figcaption id={`${props.id}-summary`}>
        <Caption1>{props.summary}</Caption1>
      </figcaption>
      {props.table}
    </figure>
  );
}

const count = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

function Charts({ stats }: { stats: AuditStats }) {
  const styles = useStyles();
  const totals = trendTotals(stats);
  const { outcomes, days } = resetsByDay(stats);
  const verification = stats.verificationByType.filter((v) => v.passed + v.failed > 0);
  const agents = stats.perAgent.slice(0, 10);
  const handover = stats.timeToHandover;
  const resetsSummary =
    days.length === 0
      ? 'No resets in this range.'
      : `${count(totals.resets, 'reset', 'resets')} over ${count(days.length, 'day', 'days')}: ` +
        outcomes
          .map((o) => `${days.reduce((n, d) => n + d.counts[o], 0)} ${OUTCOME_BADGES[o].label.toLowerCase()}`)
          .join(', ') +
        '.';

  return (
    <div className={styles.body}>
      <FigureTiles label="Trend figures">
        <FigureTile term="Calls opened" value={formatNumber(totals.calls)} />
        <FigureTile term="Successful resets" value={formatNumber(totals.successfulResets)} />
        <FigureTile term="Median search to hand-over" value={formatDuration(handover.medianMs)} />
        <FigureTile term="90th percentile search to hand-over" value={formatDuration(handover.p90Ms)} />
        <FigureTile term="Calls that reached a hand-over" value={formatNumber(handover.calls)} />
      </FigureTiles>
      <div className={styles.charts}>
        <ChartFigure
          id="trend-resets"
          title="Resets per day by outcome"
          summary={resetsSummary}
          table={
            <FigureTable
              name="Resets per day by outcome"
              headers={['Day (UTC)', ...outcomes.map((o) => OUTCOME_BADGES[o].label), 'Total']}
              rows={days.map((d) => [d.day, ...outcomes.map((o) => d.counts[o]), d.total])}
            />
          }
        >
          {days.length > 0 && (
            <VerticalStackedBarChart
              chartTitle="Resets per day by outcome"
              height={260}
              data={days.map((d) => ({
                xAxisPoint: formatDay(d.day),
                chartData: outcomes.map((o) => ({
                  legend: OUTCOME_BADGES[o].label,
                  data: d.counts[o],
                  color: OUTCOME_COLORS[o],
                })),
              }))}
            />
          )}
        </ChartFigure>
        <ChartFigure
          id="trend-verification"
          title="Verification by check type"
          summary={
            verification.length === 0
              ? 'No closed calls with a verification in this range.'
              : `${count(totals.verificationPassed, 'check', 'checks')} passed and ${formatNumber(totals.verificationFailed)} failed on closed calls: ` +
                verification
                  .map((v) => `${VERIFICATION_LABELS[v.type]} ${v.passed} passed, ${v.failed} failed`)
                  .join('; ') +
                '.'
          }
          table={
            <FigureTable
              name="Verification by check type"
              headers={['Check', 'Passed', 'Failed']}
              rows={stats.verificationByType.map((v) => [VERIFICATION_LABELS[v.type], v.passed, v.failed])}
            />
          }
        >
          {verification.length > 0 && (
            <GroupedVerticalBarChart
              chartTitle="Verification checks passed and failed by type"
              height={260}
              data={verification.map((v) => ({
                name: VERIFICATION_LABELS[v.type],
                series: [
                  { key: 'passed', data: v.passed, legend: 'Passed', color: OUTCOME_COLORS.success },
                  { key: 'failed', data: v.failed, legend: 'Failed', color: OUTCOME_COLORS.failure },
                ],
              }))}
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
                `${count(agents[0]?.resets ?? 0, 'successful reset', 'successful resets')}; ${count(stats.perAgent.length, 'agent', 'agents')} in all.`
          }
          table={
            <FigureTable
              name="Volume per agent"
              headers={['Agent', 'Calls', 'Successful resets']}
              rows={stats.perAgent.map((a) => [a.agentUpn, a.calls, a.resets])}
            />
          }
        >
          {agents.length > 0 && (
            <GroupedVerticalBarChart
              chartTitle="Calls and successful resets per agent"
              height={260}
              wrapXAxisLables
              data={agents.map((a) => ({
                name: a.agentUpn,
                series: [
                  { key: 'calls', data: a.calls, legend: 'Calls' },
                  { key: 'resets', data: a.resets, legend: 'Successful resets' },
                ],
              }))}
            />
          )}
        </ChartFigure>
      </div>
    </div>
  );
}

function TrendsBody() {
  const stats = useStore((s) => s.history.stats);
  const reload = useStore((s) => s.loadHistoryStats);
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
      {empty ? <Body1 as="p">No calls or resets in this range.</Body1> : <Charts stats={value} />}
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
