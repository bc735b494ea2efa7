// The audit events as a virtualized table: TanStack Table defines the columns and renders the
// cells, TanStack Virtual renders only the rows in view, and the slice fetches only the windows of
// `audit:list` those rows fall in. The grid is sized to the filter's whole count, so the scrollbar is
// the trail; past what a browser can lay out (a few million px) scroll positions are scaled.
// Keyboard: the rows are one tab stop; arrows, Page Up/Down, Home/End move, Enter opens the call.
import { mergeClasses, useRestoreFocusTarget } from '@fluentui/react-components';
import { flexRender, getCoreRowModel, useReactTable, type Row } from '@tanstack/react-table';
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AuditEvent } from '../../../../shared/audit';
import { useStore } from '../../store';
import { HISTORY_WINDOW } from '../../store/historySlice';
import {
  AUDIT_COLUMNS,
  COLUMN_IDS,
  DEFAULT_HIDDEN,
  gridFor,
  HEADER_HEIGHT,
  ROW_HEIGHT,
  useTableStyles,
} from './auditColumns';

/** Real scroll height cap: well under Chromium's ~33.5M px layout limit. */
const MAX_REAL_PX = 10_000_000;
/**
 * Rows sit at their offset from an anchor that moves in big steps, inside one layer translated to the
 * viewport: a scroll then changes one transform, and a row re-renders only when it first shows.
 */
const ANCHOR_STEP = 1_000_000;

/** Virtual (row) space ↔ real scroll space; the identity unless the trail is taller than MAX_REAL_PX. */
interface Scale {
  toVirtual: (real: number) => number;
  toReal: (virtual: number) => number;
  realHeight: number;
}

function scaleFor(total: number, viewport: number): Scale {
  const virtualHeight = total * ROW_HEIGHT;
  if (virtualHeight <= MAX_REAL_PX) {
    return { toVirtual: (r) => r, toReal: (v) => v, realHeight: virtualHeight };
  }
  const body = Math.max(ROW_HEIGHT, viewport - HEADER_HEIGHT);
  const ratio = (virtualHeight - body) / (MAX_REAL_PX - body);
  return { toVirtual: (r) => r * ratio, toReal: (v) => v / ratio, realHeight: MAX_REAL_PX };
}

interface RowActions {
  focus: (index: number) => void;
  key: (e: KeyboardEvent<HTMLDivElement>, index: number, event: AuditEvent | undefined) => void;
  open: (callId: string) => void;
}

interface BodyRowProps {
  index: number;
  top: number;
  row: Row<AuditEvent> | undefined;
  tabStop: boolean;
  actions: RowActions;
  /** The shown columns' grid tracks. */
  grid: string;
}

const BodyRow = memo(
  function BodyRow({ index, top, row, tabStop, actions, grid }: BodyRowProps) {
    const styles = useTableStyles();
    const event = row?.original;
    const callId = event?.callId ?? null;
    // The timeline drawer hands focus back to the row that opened it (Fluent's restore-focus target).
    const restoreFocusTarget = useRestoreFocusTarget();
    return (
      <div
        {...restoreFocusTarget}
        data-index={index}
        role="row"
        aria-rowindex={index + 2}
        aria-busy={row === undefined ? true : undefined}
        tabIndex={tabStop ? 0 : -1}
        className={mergeClasses(styles.row, styles.bodyRow, callId === null && styles.plain)}
        style={{ transform: `translateY(${top}px)`, gridTemplateColumns: grid }}
        onFocus={() => actions.focus(index)}
        onKeyDown={(e) => actions.key(e, index, event)}
        onClick={callId === null ? undefined : () => actions.open(callId)}
      >
        {row === undefined ? (
          <div role="cell" className={mergeClasses(styles.cell, styles.placeholder)}>
            Loading row {index + 1}…
          </div>
        ) : (
          row.getVisibleCells().map((cell) => (
            <div key={cell.id} role="cell" className={mergeClasses(styles.cell, cell.column.id === 'id' && styles.id)}>
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </div>
          ))
        )}
      </div>
    );
  },
  // The same event renders the same cells, whichever TanStack row object carries it.
  (a, b) =>
    a.index === b.index &&
    a.top === b.top &&
    a.tabStop === b.tabStop &&
    a.actions === b.actions &&
    a.grid === b.grid &&
    a.row?.original === b.row?.original,
);

export function AuditTable() {
  const styles = useTableStyles();
  const total = useStore((s) => s.history.total);
  const windows = useStore((s) => s.history.windows);
  const showRows = useStore((s) => s.showHistoryRows);
  const openCall = useStore((s) => s.openCallTimeline);
  const hidden = useStore((s) => s.history.hiddenColumns) ?? DEFAULT_HIDDEN;
  const shown = useMemo(() => COLUMN_IDS.filter((id) => !hidden.includes(id)), [hidden]);
  const grid = useMemo(() => gridFor(shown), [shown]);
  const columnVisibility = useMemo(
    () => Object.fromEntries(COLUMN_IDS.map((id) => [id, !hidden.includes(id)])),
    [hidden],
  );
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);

  const scale = useMemo(() => scaleFor(total, viewport), [total, viewport]);
  const scaleRef = useRef(scale);
  scaleRef.current = scale;

  // The virtualizer re-renders this component itself; nothing it returns is memoized below.
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the issue's chosen library
  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count: total,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // The body's viewport is the scroller less the sticky header.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => {
        setViewport(rect.height);
        cb({ width: rect.width, height: Math.max(0, rect.height - HEADER_HEIGHT) });
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
  useEffect(() => showRows(first, last), [first, last, showRows]);

  const eventAt = useCallback(
    (index: number): AuditEvent | undefined => windows[Math.floor(index / HISTORY_WINDOW)]?.[index % HISTORY_WINDOW],
    [windows],
  );
  const inView = useMemo(
    () => items.map((item) => eventAt(item.index)).filter((e): e is AuditEvent => e !== undefined),
    [items, eventAt],
  );
  const table = useReactTable({
    data: inView,
    columns: AUDIT_COLUMNS,
    state: { columnVisibility },
    getCoreRowModel: getCoreRowModel(),
    getRowId: (e) => String(e.id),
  });
  const rowsById = table.getRowModel().rowsById;

  // A new filter starts at the top.
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

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const page = Math.max(1, Math.floor((viewport - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number, event: AuditEvent | undefined) => {
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
    } else if (e.key === 'Enter' && event?.callId) {
      e.preventDefault();
      void openCall(event.callId);
    }
  };
  // One stable object for every row (so memo holds), calling the latest handlers.
  const keyRef = useRef(onKeyDown);
  useEffect(() => {
    keyRef.current = onKeyDown;
  });
  const actions = useMemo<RowActions>(
    () => ({
      focus: (index) => setActive(index),
      key: (e, index, event) => keyRef.current(e, index, event),
      open: (callId) => void useStore.getState().openCallTimeline(callId),
    }),
    [],
  );

  // One tab stop: the active row, or the first one rendered when the active row has scrolled away.
  const tabStop = items.some((item) => item.index === active) ? active : first;
  const virtualOffset = virtualizer.scrollOffset ?? 0;
  const anchor = Math.floor(virtualOffset / ANCHOR_STEP) * ANCHOR_STEP;
  // Where the anchor sits in real pixels: the scroll position plus its distance from the viewport top.
  const layer = scale.toReal(virtualOffset) + (anchor - virtualOffset);
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  return (
    <div
      ref={scrollerRef}
      className={styles.scroller}
      role="table"
      aria-label="Audit events"
      aria-rowcount={total + 1}
      data-testid="audit-scroller"
    >
      <div className={styles.inner} style={{ minWidth: grid.minWidth }}>
        <div role="rowgroup" className={styles.header}>
          <div role="row" aria-rowindex={1} className={styles.row} style={{ gridTemplateColumns: grid.template }}>
            {headers.map((header) => (
              <div key={header.id} role="columnheader" className={mergeClasses(styles.cell, styles.headCell)}>
                {flexRender(header.column.columnDef.header, header.getContext())}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className={styles.body} style={{ height: scale.realHeight }}>
          <div className={styles.window} style={{ transform: `translateY(${layer}px)` }}>
            {items.map((item) => {
              const event = eventAt(item.index);
              return (
                <BodyRow
                  key={item.key}
                  index={item.index}
                  top={item.start - anchor}
                  row={event === undefined ? undefined : rowsById[String(event.id)]}
                  tabStop={item.index === tabStop}
                  actions={actions}
                  grid={grid.template}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
