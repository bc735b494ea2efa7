// Reads a report chart as drawn (components/BarChart.tsx: each row's written label, each bar's series
// and number) and its figures table, so a spec can check the two say the same thing.
import type { Locator } from '@playwright/test';
import { expect } from './fixtures';

export interface DrawnChart {
  /** The series named in the legend (or on the bars, for a one-series chart). */
  series: string[];
  /** Each row: its written label, and the number of each series' bar. */
  rows: { label: string; values: Record<string, number> }[];
}

/** What the chart inside `figure` draws, from the rendered page. */
export async function drawnChart(figure: Locator): Promise<DrawnChart> {
  const chart = figure.locator('[data-chart]');
  await expect(chart).toBeVisible();
  return chart.evaluate((el) => {
    const rows = [...el.querySelectorAll(':scope > ul:last-child > li')].map((li) => {
      const label = li.querySelector('[data-chart-label]')?.textContent?.trim() ?? '';
      const values: Record<string, number> = {};
      for (const bar of li.querySelectorAll('[data-chart-series][data-chart-value]')) {
        values[bar.getAttribute('data-chart-series') ?? ''] = Number(bar.getAttribute('data-chart-value'));
      }
      return { label, values };
    });
    const legend = [...el.querySelectorAll(':scope > ul:first-child[aria-label$="legend"] > li')].map(
      (li) => li.textContent?.trim() ?? '',
    );
    const series = legend.length > 0 ? legend : Object.keys(rows[0]?.values ?? {});
    return { series, rows };
  });
}

/** The figure's table (opened), header first, each cell's text. */
export async function figuresTable(figure: Locator): Promise<string[][]> {
  const details = figure.locator('details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  const table = figure.getByRole('table');
  await expect(table).toBeVisible();
  const rows = await table.getByRole('row').all();
  return Promise.all(rows.map(async (row) => (await row.locator('th, td').allTextContents()).map((t) => t.trim())));
}

/** "1,234", "83.2%" → 1234, 83.2. */
const number = (text: string) => Number(text.replace(/[,\s%]/g, ''));

/**
 * The chart's labels are the table's first column, row for row; every series has a column of its
 * name; and each bar's number is that column's figure. Returns what was compared, for the report.
 */
export async function expectChartMatchesFigures(figure: Locator): Promise<DrawnChart> {
  const drawn = await drawnChart(figure);
  const [header, ...body] = await figuresTable(figure);
  expect(drawn.rows.length).toBeGreaterThan(0);
  expect(drawn.rows.map((r) => r.label)).toEqual(body.map((cells) => cells[0]));
  expect(drawn.rows.every((r) => r.label !== '')).toBe(true);
  for (const s of drawn.series) {
    const column = header!.indexOf(s);
    expect(column, `a figures column named "${s}" (columns: ${header!.join(', ')})`).toBeGreaterThan(0);
    drawn.rows.forEach((row, i) => {
      expect(row.values[s], `${row.label}, ${s}`).toBe(number(body[i]![column]!));
    });
  }
  return drawn;
}
