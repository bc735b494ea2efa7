// The snapshot's users as one virtualized ARIA table: the virtualizer is sized to the query's total and
// only the rows in view are in the DOM; their windows come from `registration:list` (useWindowCache).
// Headers sort in main; a user's name opens their drill-down.
import { makeStyles, mergeClasses, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import { ArrowSortDownFilled, ArrowSortUpFilled } from '@fluentui/react-icons';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, type ReactNode } from 'react';
import type { RegistrationRow, RegistrationSort } from '../../../../shared/registration';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';
import { REGISTRATION_WINDOW } from '../../store/registrationSlice';
import { methodLabel } from './labels';
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

const OVERSCAN = 8;
/** Stable, so the virtualizer never sees new sizes (and never re-anchors the scroll position). */
const estimateSize = () => ROW_HEIGHT;
const GRID = 'minmax(16rem, 2.2fr) minmax(9rem, 1fr) 6.5rem 6.5rem 7rem 5rem minmax(16rem, 2.5fr)';

const useStyles = makeStyles({
  scroller: scrollerStyle,
  table: { minWidth: '70rem', position: 'relative' },
  row: rowStyle(GRID),
  bodyRow: bodyRowStyle,
  head: headStyle,
  sortButton: {
    backgroundColor: 'transparent',
    border: 'none',
    padding: 0,
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  // A plain button styled as a link: a Fluent Link per row costs more than the scroll budget allows.
  name: {
    backgroundColor: 'transparent',
    border: 'none',
    padding: 0,
    font: 'inherit',
    textAlign: 'start',
    color: tokens.colorBrandForegroundLink,
    cursor: 'pointer',
    ':hover': { textDecorationLine: 'underline' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  cell: cellStyle,
  stack: stackStyle,
  muted: mutedStyle,
  no: { color: tokens.colorPaletteRedForeground1 },
  chips: { display: 'flex', gap: tokens.spacingHorizontalXXS, overflow: 'hidden' },
  chip: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusCircular,
    paddingInline: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
  },
});

interface Item {
  index: number;
  row: RegistrationRow | undefined;
}

function YesNo({ value }: { value: boolean }) {
  const styles = useStyles();
  return value ? <span>Yes</span> : <span className={styles.no}>No</span>;
}

function NameCell({ row }: { row: RegistrationRow }) {
  const styles = useStyles();
  const open = useStore((s) => s.openRegistrationUser);
  // The user drawer hands focus back to this button when it closes.
  const restoreFocusTarget = useRestoreFocusTarget();
  return (
    <div className={styles.stack}>
      <button
        {...restoreFocusTarget}
        type="button"
        onClick={() => void open(row.userId)}
        className={mergeClasses(styles.name, styles.cell)}
      >
        {row.displayName}
      </button>
      <span className={mergeClasses(styles.muted, styles.cell)}>{row.userPrincipalName}</span>
    </div>
  );
}

function Methods({ methods }: { methods: string[] }) {
  const styles = useStyles();
  if (methods.length === 0) return <span className={styles.no}>None</span>;
  return (
    <span className={styles.chips} title={methods.map(methodLabel).join(', ')}>
      {methods.map((m) => (
        <span key={m} className={styles.chip}>
          {methodLabel(m)}
        </span>
      ))}
    </span>
  );
}

const column = createColumnHelper<Item>();
/** The columns; a cell of a row still loading renders nothing (the row shows "Loading…" instead). */
const COLUMNS = [
  column.display({
    id: 'displayName',
    header: 'Name / UPN',
    cell: ({ row }) => row.original.row && <NameCell row={row.original.row} />,
  }),
  column.display({ id: 'department', header: 'Department', cell: ({ row }) => row.original.row?.department ?? '—' }),
  column.display({
    id: 'sspr',
    header: 'SSPR capable',
    cell: ({ row }) => row.original.row && <YesNo value={row.original.row.isSsprCapable} />,
  }),
  column.display({
    id: 'mfa',
    header: 'MFA capable',
    cell: ({ row }) => row.original.row && <YesNo value={row.original.row.isMfaCapable} />,
  }),
  column.display({
    id: 'passwordless',
    header: 'Passwordless',
    cell: ({ row }) => row.original.row && <YesNo value={row.original.row.isPasswordlessCapable} />,
  }),
  column.display({ id: 'admin', header: 'Admin', cell: ({ row }) => (row.original.row?.isAdmin ? 'Admin' : '') }),
  column.display({
    id: 'methodCount',
    header: 'Methods',
    cell: ({ row }) => row.original.row && <Methods methods={row.original.row.methodsRegistered} />,
  }),
];
/** The sort main applies for a column's header; columns not listed are not sortable. */
const SORTABLE: Record<string, RegistrationSort> = {
  displayName: 'displayName',
  department: 'department',
  methodCount: 'methodCount',
};

function SortHeader({ id, label }: { id: string; label: string }) {
  const styles = useStyles();
  const sort = useStore((s) => s.registration.query.sort);
  const descending = useStore((s) => s.registration.query.descending);
  const setQuery = useStore((s) => s.setRegistrationQuery);
  const key = SORTABLE[id];
  if (key === undefined) return <div role="columnheader">{label}</div>;
  const active = sort === key;
  const toggle = () => void setQuery({ sort: key, descending: active ? !descending : false });
  return (
    <div role="columnheader" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className={styles.sortButton} onClick={toggle}>
        {label}
        {active && (descending ? <ArrowSortDownFilled aria-hidden /> : <ArrowSortUpFilled aria-hidden />)}
      </button>
    </div>
  );
}

interface BodyRowProps {
  item: Item;
  start: number;
  cells: ReactNode[];
}

/** Re-rendered only when its row arrives or moves: scrolling creates cell elements but renders few rows. */
const BodyRow = memo(function BodyRow({ item, start, cells }: BodyRowProps) {
  const styles = useStyles();
  return (
    <div
      role="row"
      aria-rowindex={item.index + 2}
      aria-busy={item.row === undefined || undefined}
      className={mergeClasses(styles.row, styles.bodyRow)}
      style={{ transform: `translateY(${start}px)` }}
    >
      {cells.map((cell, i) => (
        <div role="cell" key={i} className={styles.cell}>
          {cell}
        </div>
      ))}
    </div>
  );
}, sameRow);

function sameRow(a: BodyRowProps, b: BodyRowProps): boolean {
  return a.item.index === b.item.index && a.item.row === b.item.row && a.start === b.start;
}

export function RegistrationTable({
  total,
  version,
  seed,
}: {
  total: number;
  version: number;
  seed: RegistrationRow[] | null;
}) {
  const styles = useStyles();
  const fetchWindow = useStore((s) => s.fetchRegistrationWindow);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack re-renders this component itself
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: OVERSCAN,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const range = { start: virtualItems[0]?.index ?? 0, end: virtualItems.at(-1)?.index ?? 0 };
  const rows = useWindowCache(version, seed, fetchWindow, range, REGISTRATION_WINDOW);
  const data: Item[] = virtualItems.map((v) => ({ index: v.index, row: rows.rowAt(v.index) }));
  // No auto reset: `data` is the rows in view, new on every scroll, and table-core would answer each new
  // array with a page-index reset (a state update, so another render: an endless microtask loop).
  const table = useReactTable({ data, columns: COLUMNS, getCoreRowModel: getCoreRowModel(), autoResetAll: false });
  const tableRows = table.getRowModel().rows;

  return (
    <>
      {rows.error !== null && <ErrorNotice title="Could not load these rows" error={rows.error} onRetry={rows.retry} />}
      <div
        ref={scrollRef}
        className={styles.scroller}
        // Focusable, so the keyboard can scroll it even where no row holds a button.
        tabIndex={0}
        role="region"
        aria-label="Users and their registered methods (scrollable)"
        data-testid="registration-scroller"
      >
        <div
          role="table"
          aria-label="Users and their registered methods"
          aria-rowcount={total + 1}
          className={styles.table}
        >
          <div role="rowgroup" className={styles.head}>
            {table.getHeaderGroups().map((group) => (
              <div role="row" aria-rowindex={1} key={group.id} className={styles.row}>
                {group.headers.map((header) => (
                  <SortHeader key={header.id} id={header.id} label={String(header.column.columnDef.header)} />
                ))}
              </div>
            ))}
          </div>
          <div role="rowgroup" style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
            {tableRows.map((row, i) => {
              const item = row.original;
              const start = virtualItems[i]?.start ?? 0;
              if (item.row === undefined) {
                return (
                  <BodyRow
                    key={item.index}
                    item={item}
                    start={start}
                    cells={[
                      <span key="s" className={styles.muted}>
                        Loading…
                      </span>,
                    ]}
                  />
                );
              }
              const cells = row
                .getVisibleCells()
                .map((cell) => flexRender(cell.column.columnDef.cell, cell.getContext()));
              return <BodyRow key={item.index} item={item} start={start} cells={cells} />;
            })}
          </div>
        </div>
      </div>
    </>
  );
}
