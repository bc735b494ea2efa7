// The report screens' bar chart: one row per category (a day, an agent, a check, a method) with its
// name written beside its bars, so no label is ever dropped, wrapped into another or drawn under the
// wrong bars, whatever the width. Bars are plain boxes sized as a share of the chart's largest value;
// every bar carries its number. The same rows feed the figures table (FiguresTable), and tests compare
// the two (data-chart-label, data-chart-value).
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { formatNumber } from '../format';

export interface BarSeries {
  /** The series' name, as its legend and the figures table's column say it. */
  label: string;
  color: string;
}

export interface BarRow {
  /** The category's name, as the figures table's first column says it. */
  label: string;
  /** One value per series, in the series' order. */
  values: number[];
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyle: 'none',
    fontSize: tokens.fontSizeBase200,
  },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { width: '12px', height: '12px', borderRadius: tokens.borderRadiusSmall, flexShrink: 0 },
  rows: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(5rem, 11rem) minmax(6rem, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    alignItems: 'center',
  },
  label: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  bars: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  track: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  // The bar's room: the track less its number, so a full bar never pushes the number out of view.
  room: { flex: '1 1 auto', minWidth: 0, display: 'flex' },
  stack: { display: 'flex', height: '16px', minWidth: '1px' },
  bar: { height: '100%' },
  groupBar: { height: '10px', minWidth: '1px', borderRadius: '0 2px 2px 0' },
  value: {
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground2,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  zero: { backgroundColor: tokens.colorNeutralStroke2 },
});

const share = (value: number, max: number) => (max <= 0 ? 0 : (value / max) * 100);

/**
 * Horizontal bars, one row per category. `stacked`: the series side by side in one bar, the row's
 * total written after it; `grouped`: one thin bar per series, each with its own number.
 */
export function BarChart({
  name,
  series,
  rows,
  mode,
  unit = '',
  max: scale,
  testId,
}: {
  /** What the chart shows, for screen readers ("Resets per day by result"). */
  name: string;
  series: BarSeries[];
  rows: BarRow[];
  mode: 'stacked' | 'grouped';
  /** Written after each number ("%"). */
  unit?: string;
  /** The value a full-width bar stands for (100 for shares); the largest value otherwise. */
  max?: number;
  testId?: string;
}) {
  const styles = useStyles();
  const totals = rows.map((r) => r.values.reduce((n, v) => n + v, 0));
  const max = scale ?? (mode === 'stacked' ? Math.max(0, ...totals) : Math.max(0, ...rows.flatMap((r) => r.values)));
  const show = (n: number) => `${formatNumber(n)}${unit}`;
  const describe = (row: BarRow) =>
    `${row.label}: ${series.map((s, i) => `${s.label} ${show(row.values[i] ?? 0)}`).join(', ')}`;
  return (
    <div className={styles.root} data-testid={testId} data-chart={name}>
      {series.length > 1 && (
        <ul className={styles.legend} aria-label={`${name}: legend`}>
          {series.map((s) => (
            <li key={s.label} className={styles.legendItem} data-chart-series={s.label}>
              <span className={styles.swatch} style={{ backgroundColor: s.color }} aria-hidden />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <ul className={styles.rows} aria-label={name}>
        {rows.map((row, r) => (
          <li key={row.label} className={styles.row} aria-label={describe(row)}>
            <span className={styles.label} data-chart-label aria-hidden>
              {row.label}
            </span>
            {mode === 'stacked' ? (
              <span className={styles.track} aria-hidden>
                <span className={styles.room}>
                  <span className={styles.stack} style={{ width: `${share(totals[r] ?? 0, max)}%` }}>
                    {series.map((s, i) => (
                      <span
                        key={s.label}
                        className={styles.bar}
                        data-chart-series={s.label}
                        data-chart-value={row.values[i] ?? 0}
                        title={`${s.label}: ${show(row.values[i] ?? 0)}`}
                        style={{
                          backgroundColor: s.color,
                          width: `${share(row.values[i] ?? 0, totals[r] ?? 0)}%`,
                        }}
                      />
                    ))}
                  </span>
                </span>
                <span className={styles.value}>{show(totals[r] ?? 0)}</span>
              </span>
            ) : (
              <span className={styles.bars} aria-hidden>
                {series.map((s, i) => {
                  const value = row.values[i] ?? 0;
                  return (
                    <span key={s.label} className={styles.track}>
                      <span className={styles.room}>
                        <span
                          className={mergeClasses(styles.groupBar, value === 0 && styles.zero)}
                          data-chart-series={s.label}
                          data-chart-value={value}
                          title={`${s.label}: ${show(value)}`}
                          style={{ backgroundColor: value === 0 ? undefined : s.color, width: `${share(value, max)}%` }}
                        />
                      </span>
                      <span className={styles.value} data-chart-text>
                        {show(value)}
                      </span>
                    </span>
                  );
                })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
