// What the charts of History, Self-service and Registration share: headline figures as a definition
// list of tiles, and the numbers behind a chart as a table a screen reader can walk.
import {
  Caption1,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { formatNumber } from '../format';

const useStyles = makeStyles({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column-reverse',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  value: { ...typographyStyles.title3, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  details: { '& > summary': { cursor: 'pointer', color: tokens.colorBrandForegroundLink } },
  // Long values (an agent's UPN) wrap inside their cell instead of running into the next one.
  table: { tableLayout: 'auto', '& td, & th': { overflowWrap: 'anywhere' } },
  figure: { margin: 0, minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Headline figures: a `<dl>` named for screen readers, one tile per figure. */
export function FigureTiles({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <dl className={styles.tiles} aria-label={label}>
      {children}
    </dl>
  );
}

export function FigureTile({ term, value, testId }: { term: string; value: ReactNode; testId?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.tile}>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/**
 * A chart as a named figure: its heading, the chart, a written summary, and its figures as a table
 * (`<title> (figures)`) that says exactly what the chart draws.
 */
export function ChartFigure({
  id,
  title,
  summary,
  headers,
  rows,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  headers: string[];
  rows: (string | number)[][];
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <figure
      className={styles.figure}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      data-testid={id}
    >
      <Subtitle2 as="h3" id={`${id}-title`}>
        {title}
      </Subtitle2>
      {children}
      <figcaption id={`${id}-summary`}>
        <Caption1>{summary}</Caption1>
      </figcaption>
      <FiguresTable
        summary={`Figures: ${title.charAt(0).toLowerCase()}${title.slice(1)}`}
        label={`${title} (figures)`}
        headers={headers}
        rows={rows}
        format={(cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)}
      />
    </figure>
  );
}

/** The numbers behind a chart, folded under a summary line. */
export function FiguresTable({
  summary,
  label,
  headers,
  rows,
  format = (cell) => cell,
  className,
}: {
  summary: string;
  label: string;
  headers: string[];
  rows: (string | number)[][];
  format?: (cell: string | number) => ReactNode;
  className?: string;
}) {
  const styles = useStyles();
  return (
    <details className={className ?? styles.details}>
      <summary>{summary}</summary>
      <Table size="extra-small" aria-label={label} className={styles.table}>
        <TableHeader>
          <TableRow>
            {headers.map((h) => (
              <TableHeaderCell key={h}>{h}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={String(row[0])}>
              {row.map((cell, i) => (
                <TableCell key={headers[i] ?? i}>{format(cell)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </details>
  );
}
