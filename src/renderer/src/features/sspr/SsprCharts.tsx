// The deflection view from `sspr:get-stats`: how many resets callers did themselves against the ones
// the helpdesk did, per day and as one share, and the blocked attempts (the calls that follow). The
// helpdesk's resets are Resetline's own, counted as History counts them (RESET_DEFINITION); Entra's
// admin resets by any tool are shown beside them.
import { Body1, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { SsprStats } from '../../../../shared/sspr';
import { BarChart } from '../../components/BarChart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ChartFigure, FigureTile, FigureTiles } from '../../components/Figures';
import { formatDayLong, formatNumber } from '../../format';
import { useStore } from '../../store';
import { ssprTotals } from './labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(22rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

const SELF = tokens.colorPaletteGreenBackground3;
const HELPDESK = tokens.colorPaletteBlueBackground2;
const BLOCKED = tokens.colorPaletteRedBackground3;

/** The tiles and both charts, with their figures tables: exported for the chart-label tests. */
export function SsprChartsView({ stats }: { stats: SsprStats }) {
  const styles = useStyles();
  const totals = ssprTotals(stats);
  const all = totals.selfService + totals.helpdesk;
  const share = totals.share === null ? '—' : `${totals.share}%`;
  const shareTerm =
    totals.share === null
      ? 'Self-service share of resets (no resets)'
      : `Self-service share of resets (${formatNumber(totals.selfService)} of ${formatNumber(all)})`;
  const days = stats.perDay.map((d) => ({ ...d, label: formatDayLong(d.day) }));
  return (
    <div className={styles.root}>
      <FigureTiles label="Self-service summary">
        <FigureTile testId="sspr-share" term={shareTerm} value={share} />
        <FigureTile testId="sspr-self-service" term="Self-service resets" value={formatNumber(totals.selfService)} />
        <FigureTile
          testId="sspr-helpdesk"
          term="Helpdesk resets (Resetline, as History counts them)"
          value={formatNumber(totals.helpdesk)}
        />
        <FigureTile
          testId="sspr-entra-admin"
          term="Admin resets in Entra's log (any tool)"
          value={formatNumber(totals.entraAdminResets)}
        />
        <FigureTile testId="sspr-blocked" term="Blocked attempts" value={formatNumber(totals.blocked)} />
      </FigureTiles>
      {days.length === 0 ? (
        <Body1>No resets or blocked attempts in this range.</Body1>
      ) : (
        <div className={styles.charts}>
          <ChartFigure
            id="sspr-chart-resets"
            title="Resets per day: self-service and helpdesk"
            summary="Successful resets per UTC day. More self-service means fewer calls."
            headers={['Day (UTC)', 'Self-service', 'Helpdesk']}
            rows={days.map((d) => [d.label, d.selfService, d.helpdesk])}
          >
            <BarChart
              name="Resets per day: self-service and helpdesk"
              mode="grouped"
              series={[
                { label: 'Self-service', color: SELF },
                { label: 'Helpdesk', color: HELPDESK },
              ]}
              rows={days.map((d) => ({ label: d.label, values: [d.selfService, d.helpdesk] }))}
            />
          </ChartFigure>
          <ChartFigure
            id="sspr-chart-blocked"
            title="Blocked self-service attempts per day"
            summary="A blocked caller usually phones the helpdesk next."
            headers={['Day (UTC)', 'Blocked']}
            rows={days.map((d) => [d.label, d.blocked])}
          >
            <BarChart
              name="Blocked self-service attempts per day"
              mode="grouped"
              series={[{ label: 'Blocked', color: BLOCKED }]}
              rows={days.map((d) => ({ label: d.label, values: [d.blocked] }))}
            />
          </ChartFigure>
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
  return <SsprChartsView stats={stats.value} />;
}
