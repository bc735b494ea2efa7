// The snapshot in charts: users per method (bars), the SSPR-capable and MFA-capable shares (donuts), and
// both shares across snapshots (bars per snapshot). Each chart is a named figure with its figures in a
// table beside it, so a screen reader (or anyone who wants the numbers) reads the same facts; the bars
// write every method's and snapshot's name beside them (components/BarChart.tsx), so none is dropped.
import { makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { DonutChart } from '@fluentui/react-charts';
import { useId } from 'react';
import type { RegistrationStats } from '../../../../shared/registration';
import { BarChart } from '../../components/BarChart';
import { FiguresTable } from '../../components/Figures';
import { formatDateTime, formatNumber } from '../../format';
import { methodLabel, percent } from './labels';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(28rem, 1fr))',
    gap: tokens.spacingHorizontalXL,
  },
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  donuts: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  details: { fontSize: tokens.fontSizeBase200 },
  donut: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: tokens.spacingVerticalXS },
  donutBox: { height: '200px', width: '200px', overflow: 'hidden' },
});

function Figure({
  title,
  rows,
  headers,
  children,
  testId,
}: {
  testId?: string;
  title: string;
  headers: string[];
  rows: (string | number)[][];
  children: React.ReactNode;
}) {
  const styles = useStyles();
  const id = useId();
  return (
    <figure className={styles.figure} aria-labelledby={id} data-testid={testId}>
      <Subtitle2 as="h3" id={id}>
        {title}
      </Subtitle2>
      {children}
      <FiguresTable
        className={styles.details}
        summary={`Figures of “${title}”`}
        label={`${title} (figures)`}
        headers={headers}
        rows={rows}
        format={(cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)}
      />
    </figure>
  );
}

const CAPABLE = tokens.colorPaletteGreenBackground3;
const NOT_CAPABLE = tokens.colorPaletteRedBackground3;
const BAR = tokens.colorBrandBackground;

function Share({ label, part, total }: { label: string; part: number; total: number }) {
  const styles = useStyles();
  return (
    <div className={styles.donut}>
      <div className={styles.donutBox}>
        <DonutChart
          data={{
            chartTitle: `${label}: ${percent(part, total)}`,
            chartData: [
              { legend: label, data: part, color: CAPABLE },
              { legend: `Not ${label.toLowerCase()}`, data: total - part, color: NOT_CAPABLE },
            ],
          }}
          innerRadius={55}
          valueInsideDonut={percent(part, total)}
          width={200}
          height={200}
          hideLegend
        />
      </div>
      <Text align="center">
        {label}: {formatNumber(part)} of {formatNumber(total)}
      </Text>
    </div>
  );
}

export function RegistrationCharts({ stats }: { stats: RegistrationStats }) {
  const styles = useStyles();
  const methodRows = stats.methods.map((m) => [methodLabel(m.method), m.users, percent(m.users, stats.total)]);
  const trend = stats.trend;
  return (
    <div className={styles.grid}>
      <Figure
        testId="registration-methods"
        title="Users per registered method"
        headers={['Method', 'Users', 'Share']}
        rows={methodRows}
      >
        <BarChart
          name="Users per registered method"
          mode="grouped"
          series={[{ label: 'Users', color: BAR }]}
          rows={stats.methods.map((m) => ({ label: methodLabel(m.method), values: [m.users] }))}
        />
      </Figure>
      <Figure
        title="SSPR-capable and MFA-capable users"
        headers={['Capability', 'Users', 'Share']}
        rows={[
          ['SSPR capable', stats.ssprCapable, percent(stats.ssprCapable, stats.total)],
          ['MFA capable', stats.mfaCapable, percent(stats.mfaCapable, stats.total)],
          ['Passwordless capable', stats.passwordlessCapable, percent(stats.passwordlessCapable, stats.total)],
          ['No methods', stats.noMethods, percent(stats.noMethods, stats.total)],
        ]}
      >
        <div className={styles.donuts}>
          <Share label="SSPR capable" part={stats.ssprCapable} total={stats.total} />
          <Share label="MFA capable" part={stats.mfaCapable} total={stats.total} />
        </div>
      </Figure>
      <Figure
        testId="registration-trend"
        title="Capable shares across snapshots"
        headers={['Snapshot', 'Users', 'SSPR capable', 'MFA capable']}
        rows={trend.map((t) => [
          formatDateTime(t.takenAt),
          t.users,
          percent(t.ssprCapable, t.users),
          percent(t.mfaCapable, t.users),
        ])}
      >
        <BarChart
          name="Capable shares across snapshots, in percent of users"
          mode="grouped"
          unit="%"
          max={100}
          series={[
            { label: 'SSPR capable', color: CAPABLE },
            { label: 'MFA capable', color: BAR },
          ]}
          rows={trend.map((t) => ({
            label: formatDateTime(t.takenAt),
            values: [share(t.ssprCapable, t.users), share(t.mfaCapable, t.users)],
          }))}
        />
      </Figure>
    </div>
  );
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
