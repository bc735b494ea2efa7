// The password-age list, virtualized like the registration table: sized to the filter's total, rows
// fetched a window at a time from `registration:password-age`.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import type { PasswordAgeRow } from '../../../../shared/registration';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../format';
import { useStore } from '../../store';
import { REGISTRATION_WINDOW } from '../../store/registrationSlice';
import { PASSWORD_AGE_LABELS } from './labels';
import {
  bodyRowStyle,
  cellStyle,
  headStyle,
  mutedStyle,
  ROW_HEIGHT,
  rowStyle,
  scrollerStyle,
  stackStyle,
} from './virtualGrid';
import { useWindowCache } from './useWindowCache';

const HEADERS = ['Name / UPN', 'Department', 'Last change', 'Expires', 'Days left', 'State', 'Domain'];

const useStyles = makeStyles({
  scroller: scrollerStyle,
  table: { minWidth: '64rem', position: 'relative' },
  row: rowStyle('minmax(16rem, 2.2fr) minmax(9rem, 1fr) 8rem 8rem 6rem 8rem minmax(10rem, 1fr)'),
  bodyRow: bodyRowStyle,
  head: headStyle,
  cell: cellStyle,
  stack: stackStyle,
  muted: mutedStyle,
  late: { color: tokens.colorPaletteRedForeground1 },
  numeric: { fontVariantNumeric: 'tabular-nums' },
});

const AgeRow = memo(function AgeRow({
  index,
  row,
  start,
}: {
  index: number;
  row: PasswordAgeRow | undefined;
  start: number;
}) {
  const styles = useStyles();
  const className = mergeClasses(styles.row, styles.bodyRow);
  const style = { transform: `translateY(${start}px)` };
  if (row === undefined) {
    return (
      <div role="row" aria-rowindex={index + 2} aria-busy className={className} style={style}>
        <div role="cell">
          <span className={styles.muted}>Loading…</span>
        </div>
      </div>
    );
  }
  const late = row.daysLeft !== null && row.daysLeft < 0;
  return (
    <div role="row" aria-rowindex={index + 2} className={className} style={style}>
      <div role="cell" className={mergeClasses(styles.cell, styles.stack)}>
        <span className={styles.cell}>{row.displayName}</span>
        <span className={mergeClasses(styles.muted, styles.cell)}>{row.userPrincipalName}</span>
      </div>
      <div role="cell" className={styles.cell}>
        {row.department ?? '—'}
      </div>
      <div role="cell" className={styles.cell}>
        {formatDate(row.lastPasswordChangeDateTime)}
      </div>
      <div role="cell" className={styles.cell}>
        {formatDate(row.expiresAt)}
      </div>
      <div role="cell" className={mergeClasses(styles.cell, styles.numeric, late ? styles.late : undefined)}>
        {row.daysLeft ?? '—'}
      </div>
      <div role="cell" className={styles.cell}>
        {PASSWORD_AGE_LABELS[row.state]}
      </div>
      <div role="cell" className={styles.cell}>
        {row.domain}
      </div>
    </div>
  );
});

export function PasswordAgeTable({
  total,
  version,
  seed,
}: {
  total: number;
  version: number;
  seed: PasswordAgeRow[] | null;
}) {
  const styles = useStyles();
  const fetchWindow = useStore((s) => s.fetchPasswordAgeWindow);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack re-renders this component itself
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const range = { start: items[0]?.index ?? 0, end: items.at(-1)?.index ?? 0 };
  const rows = useWindowCache(version, seed, fetchWindow, range, REGISTRATION_WINDOW);
  return (
    <>
      {rows.error !== null && <ErrorNotice title="Could not load these rows" error={rows.error} onRetry={rows.retry} />}
      <div
        ref={scrollRef}
        className={styles.scroller}
        // Focusable, so the keyboard can scroll it even where no row holds a button.
        tabIndex={0}
        role="region"
        aria-label="Password age of users (scrollable)"
      >
        <div role="table" aria-label="Password age of users" aria-rowcount={total + 1} className={styles.table}>
          <div role="rowgroup" className={styles.head}>
            <div role="row" aria-rowindex={1} className={styles.row}>
              {HEADERS.map((h) => (
                <div role="columnheader" key={h}>
                  {h}
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
            {items.map((v) => (
              <AgeRow key={v.index} index={v.index} row={rows.rowAt(v.index)} start={v.start} />
            ))}
          </div>
        </div>
      </div>
    </>
  );
}
