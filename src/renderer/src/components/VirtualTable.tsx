// The one virtual-table shell of the windowed tables (History, Registration, Password age): columns given
// as data, a sticky header, only the rows in view in the DOM (TanStack Virtual), their rows read from the
// slice's `RowWindow` (store/windowedRows.ts) and the rows on screen reported back so the slice fetches
// their pages. ARIA table semantics; the rows are one tab stop: arrows, Page Up/Down and Home/End move,
// Enter (or a click) opens the row. A row whose page is on the way reads "Loading…" (aria-busy); a failed
// page shows one notice with Retry above the table. Past what a browser can lay out (a few million px)
// scroll positions are scaled, so a million-row trail still scrolls end to end.
import { makeStyles, mergeClasses, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { pageOf, rowAt, rowsError, type RowWindow } from '../store/windowedRows';
import { ErrorNotice } from './ErrorNotice';

export interface VirtualColumn<T> {
  id: string;
  header: ReactNode;
  /** The column's CSS grid track (`9rem`, `minmax(7rem, 1fr)`). */
  track: string;
  cell: (row: T, index: number) => ReactNode;
  /** The header's aria-sort, for a column the table sorts by. */
  sort?: 'ascending' | 'descending' | 'none';
  cellClassName?: string;
}

export interface VirtualTableProps<T> {
  /** The table's accessible name. */
  label: string;
  testId?: string;
  /** The shown columns, in order (memoize them: a new array re-renders every row). */
  columns: readonly VirtualColumn<T>[];
  /** The width under which the table scrolls sideways inside itself. */
  minWidth?: string;
  rows: RowWindow<T>;
  rowHeight: number;
  /** The scroller's size and border (a class of the caller's makeStyles). */
  className?: string;
  /** The viewport now shows rows first..last (the slice fetches the pages it misses). */
  onRange: (first: number, last: number) => void;
  onRetry: () => void;
  /** Enter or a click on a row; rows for which `canOpen` says no only take focus. */
  onOpen?: (row: T, index: number) => void;
  canOpen?: (row: T) => boolean;
  /** Shown instead of the table when the query matches nothing. */
  empty?: ReactNode;
}

/** Real scroll height cap: well under Chromium's ~33.5M px layout limit. */
const MAX_REAL_PX = 10_000_000;
/**
 * Rows sit at their offset from an anchor that moves in big steps, inside one layer translated to the
 * viewport: a scroll then changes one transform, and a row re-renders only when it first shows.
 */
const ANCHOR_STEP = 1_000_000;
const OVERSCAN = 6;

const useStyles = makeStyles({
  scroller: {
    position: 'relative',
    height: 'min(70vh, 40rem)',
    minHeight: '16rem',
    overflow: 'auto',
    overflowAnchor: 'none',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  row: {
    display: 'grid',
    alignItems: 'center',
    boxSizing: 'border-box',
    paddingInline: tokens.spacingHorizontalS,
    columnGap: tokens.spacingHorizontalS,
  },
  body: { position: 'relative' },
  layer: { position: 'absolute', top: 0, left: 0, right: 0, willChange: 'transform' },
  bodyRow: {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  opens: { cursor: 'pointer' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  placeholder: { color: tokens.colorNeutralForeground4, gridColumn: '1 / -1' },
  failed: { color: tokens.colorPaletteRedForeground1, gridColumn: '1 / -1' },
  empty: { padding: tokens.spacingVerticalXL },
});

/** Virtual (row) space ↔ real scroll space; the identity unless the table is taller than MAX_REAL_PX. */
interface Scale {
  toVirtual: (real: number) => number;
  toReal: (virtual: number) => number;
  realHeight: number;
}

function scaleFor(total: number, rowHeight: number, viewport: number): Scale {
  const virtualHeight = total * rowHeight;
  if (virtualHeight <= MAX_REAL_PX) return { toVirtual: (r) => r, toReal: (v) => v, realHeight: virtualHeight };
  const body = Math.max(rowHeight, viewport - rowHeight);
  const ratio = (virtualHeight - body) / (MAX_REAL_PX - body);
  return { toVirtual: (r) => r * ratio, toReal: (v) => v / ratio, realHeight: MAX_REAL_PX };
}

interface RowActions<T> {
  focus: (index: number) => void;
  key: (e: KeyboardEvent<HTMLDivElement>, index: number, row: T | undefined) => void;
  click: (index: number, row: T) => void;
}

interface BodyRowProps<T> {
  index: number;
  top: number;
  row: T | undefined;
  /** Why there is no row: its page is on the way, or failed. */
  missing: 'loading' | 'error';
  tabStop: boolean;
  opens: boolean;
  actions: RowActions<T>;
  columns: readonly VirtualColumn<T>[];
  template: string;
  height: number;
}

function BodyRowImpl<T>({
  index,
  top,
  row,
  missing,
  tabStop,
  opens,
  actions,
  columns,
  template,
  height,
}: BodyRowProps<T>) {
  const styles = useStyles();
  // A drawer opened from the row hands focus back to it (Fluent's restore-focus target).
  const restoreFocusTarget = useRestoreFocusTarget();
  return (
    <div
      {...restoreFocusTarget}
      data-index={index}
      role="row"
      aria-rowindex={index + 2}
      aria-busy={row === undefined && missing === 'loading' ? true : undefined}
      tabIndex={tabStop ? 0 : -1}
      className={mergeClasses(styles.row, styles.bodyRow, opens && styles.opens)}
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: template, height }}
      onFocus={() => actions.focus(index)}
      onKeyDown={(e) => actions.key(e, index, row)}
      onClick={row === undefined || !opens ? undefined : () => actions.click(index, row)}
    >
      {row === undefined ? (
        <div
          role="cell"
          className={mergeClasses(styles.cell, missing === 'error' ? styles.failed : styles.placeholder)}
        >
          {missing === 'error' ? `Row ${index + 1} could not be loaded` : `Loading row ${index + 1}…`}
        </div>
      ) : (
        columns.map((column) => (
          <div key={column.id} role="cell" className={mergeClasses(styles.cell, column.cellClassName)}>
            {column.cell(row, index)}
          </div>
        ))
      )}
    </div>
  );
}

// The same row renders the same cells: only a new row object, a move or a new tab stop re-renders one.
const BodyRow = memo(
  BodyRowImpl,
  (a, b) =>
    a.index === b.index &&
    a.top === b.top &&
    a.row === b.row &&
    a.missing === b.missing &&
    a.tabStop === b.tabStop &&
    a.opens === b.opens &&
    a.actions === b.actions &&
    a.columns === b.columns &&
    a.template === b.template &&
    a.height === b.height,
) as typeof BodyRowImpl;

export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { label, testId, columns, minWidth, rows, rowHeight, className, onRange, onRetry, empty } = props;
  const styles = useStyles();
  const total = rows.total;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const template = useMemo(() => columns.map((c) => c.track).join(' '), [columns]);

  const scale = useMemo(() => scaleFor(total, rowHeight, viewport), [total, rowHeight, viewport]);
  const scaleRef = useRef(scale);
  scaleRef.current = scale;

  // The virtualizer re-renders this component itself; nothing it returns is memoized below.
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the project's chosen library
  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count: total,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    // The body's viewport is the scroller less the sticky header (one row high).
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => {
        setViewport(rect.height);
        cb({ width: rect.width, height: Math.max(0, rect.height - rowHeight) });
      }),
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, scrolling) => cb(scaleRef.current.toVirtual(offset), scrolling)),
    scrollToFn: (offset, options, instance) =>
      elementScroll(
        scaleRef.current.toReal(offset + (options.adjustments ?? 0)),
        { ...options, adjustments: 0 },
        instance,
      ),
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => onRange(first, last), [first, last, onRange]);

  // A new query starts at the top.
  useEffect(() => {
    setActive((a) => (a < total ? a : 0));
  }, [total]);

  // Keyboard moves: scroll the row in, then focus it once it is rendered.
  useEffect(() => {
    if (!focusPending.current) return;
    const el = scrollerRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      focusPending.current = false;
    }
  });

  const canOpen = (row: T) => props.onOpen !== undefined && (props.canOpen?.(row) ?? true);
  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const page = Math.max(1, Math.floor((viewport - rowHeight) / rowHeight) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number, row: T | undefined) => {
    // Keys typed into a control inside the row (a button) are the control's.
    if (e.target !== e.currentTarget && e.key === 'Enter') return;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: total - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(target);
    } else if (e.key === 'Enter' && row !== undefined && canOpen(row)) {
      e.preventDefault();
      props.onOpen?.(row, index);
    }
  };
  // One stable object for every row (so memo holds), calling the latest handlers.
  const latest = useRef({ onKeyDown, open: props.onOpen });
  useEffect(() => {
    latest.current = { onKeyDown, open: props.onOpen };
  });
  const actions = useMemo<RowActions<T>>(
    () => ({
      focus: (index) => setActive(index),
      key: (e, index, row) => latest.current.onKeyDown(e, index, row),
      click: (index, row) => latest.current.open?.(row, index),
    }),
    [],
  );

  const error = rowsError(rows);
  if (total === 0 && empty !== undefined) return <div className={styles.empty}>{empty}</div>;

  // One tab stop: the active row, or the first one rendered when the active row has scrolled away.
  const tabStop = items.some((item) => item.index === active) ? active : first;
  const virtualOffset = virtualizer.scrollOffset ?? 0;
  const anchor = Math.floor(virtualOffset / ANCHOR_STEP) * ANCHOR_STEP;
  // Where the anchor sits in real pixels: the scroll position plus its distance from the viewport top.
  const layer = scale.toReal(virtualOffset) + (anchor - virtualOffset);

  return (
    <>
      {error !== null && <ErrorNotice title="Could not load some rows" error={error} onRetry={onRetry} />}
      <div
        ref={scrollerRef}
        className={mergeClasses(styles.scroller, className)}
        role="table"
        aria-label={label}
        aria-rowcount={total + 1}
        data-testid={testId}
      >
        <div style={minWidth === undefined ? undefined : { minWidth }}>
          <div role="rowgroup" className={styles.header}>
            <div
              role="row"
              aria-rowindex={1}
              className={styles.row}
              style={{ gridTemplateColumns: template, height: rowHeight }}
            >
              {columns.map((column) => (
                <div key={column.id} role="columnheader" aria-sort={column.sort} className={styles.cell}>
                  {column.header}
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" className={styles.body} style={{ height: scale.realHeight }}>
            <div className={styles.layer} style={{ transform: `translateY(${layer}px)` }}>
              {items.map((item) => {
                const row = rowAt(rows, item.index);
                return (
                  <BodyRow
                    key={item.key}
                    index={item.index}
                    top={item.start - anchor}
                    row={row}
                    missing={pageOf(rows, item.index)?.status === 'error' ? 'error' : 'loading'}
                    tabStop={item.index === tabStop}
                    opens={row !== undefined && canOpen(row)}
                    actions={actions}
                    columns={columns}
                    template={template}
                    height={rowHeight}
                  />
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
