// The deflection view from `sspr:stats`: how many resets callers did themselves against the ones
// the helpdesk did, per day and as one share, and the blocked attempts (the calls that follow).
import { GroupedVerticalBarChart, VerticalBarChart } from '@fluentui/react-charts';
import { Body1, Caption1, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import type { SsprStats } from '../../../../shared/sspr';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FigureTile, FigureTiles } from '../../components/Figures';
import { formatDay } from '../../format';
import { useStore } from '../../store';
import { ssprTotals } from './labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(22rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  chart: { margin: 0, minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

function Charts({ stats }: { stats: SsprStats }) {
  const styles = useStyles();
  const totals = ssprTotals(stats);
  const all = totals.selfService + totals.helpdesk;
  const share = totals.share === null ? '—' : `${totals.share}%`;
  const shareTerm =
    totals.share === null
      ? 'Self-service share of resets (no resets)'
      : `Self-service share of resets (${totals.selfService} of ${all})`;
  return (
    <div className={styles.root}>
      <FigureTiles label="Self-service summary">
        <FigureTile testId="sspr-share" term={shareTerm} value={share} />
        <FigureTile testId="sspr-self-service" term="Self-service resets" value={String(totals.selfService)} />
        <FigureTile testId="sspr-helpdesk" term="Helpdesk resets" value={String(totals.helpdesk)} />
        <FigureTile testId="sspr-blocked" term="Blocked attempts" value={String(totals.blocked)} />
      </FigureTiles>
      {stats.perDay.length === 0 ? (
        <Body1>No resets or blocked attempts in this range.</Body1>
      ) : (
        <div className={styles.charts}>
          <figure className={styles.chart}>
            <Subtitle2 as="h3">Resets per day: self-service vs. helpdesk</Subtitle2>
            <GroupedVerticalBarChart
              chartTitle="Successful resets per day, self-service and helpdesk"
              height={260}
              hideTooltip={false}
              data={stats.perDay.map((d) => ({
                name: formatDay(d.day),
                series: [
                  { key: 'self', data: d.selfService, legend: 'Self-service' },
                  { key: 'helpdesk', data: d.helpdesk, legend: 'Helpdesk' },
                ],
              }))}
            />
            <figcaption>
              <Caption1>Successful resets per UTC day. More self-service means fewer calls.</Caption1>
            </figcaption>
          </figure>
          <figure className={styles.chart}>
            <Subtitle2 as="h3">Blocked self-service attempts per day</Subtitle2>
            <VerticalBarChart
              chartTitle="Blocked self-service attempts per day"
              height={260}
              hideLegend
              useSingleColor
              data={stats.perDay.map((d) => ({ x: formatDay(d.day), y: d.blocked, legend: 'Blocked' }))}
            />
            <figcaption>
              <Caption1>A blocked caller usually phones the helpdesk next.</Caption1>
            </figcaption>
          </figure>
        </div>
      )}
    </div>
  );
}

export function SsprCharts() {
  const stats = useStore((s) => s.sspr.stats);
  const reload = useStore((s) => s.reloadSspr);
  if (stats.status === 'idle' || stats.status === 'loading') return <Spinner size="small" label="Counting…" />;
  if (stats.status === 'error') {
    return <ErrorNotice title="Could not count the activity" error={stats.error} onRetry={() => void reload()} />;
  }
  return <Charts stats={stats.value} />;
}
