// The snapshot's users in the virtual-table shell (components/VirtualTable.tsx): sized to the query's
// total, only the rows in view in the DOM, their windows fetched by the slice from `registration:list`.
// Headers sort in main; a row (Enter, a click, or the user's name) opens the user's drill-down.
import { makeStyles, mergeClasses, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import { ArrowSortDownFilled, ArrowSortUpFilled } from '@fluentui/react-icons';
import { useMemo } from 'react';
import type { RegistrationRow, RegistrationSort } from '../../../../shared/registration';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { useStore } from '../../store';
import { methodLabel } from './labels';

/** Every row has this height (a name over its UPN): the virtualizer's estimate is exact. */
export const ROW_HEIGHT = 44;

const useStyles = makeStyles({
  scroller: { height: 'min(32rem, 60vh)' },
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
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  stack: { display: 'flex', flexDirection: 'column', lineHeight: tokens.lineHeightBase200 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
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
        // Out of the tab order: the row is the keyboard's way in (Enter); the name is the pointer's.
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
          void open(row.userId);
        }}
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

type Column = VirtualColumn<RegistrationRow>;

/** The columns, without their headers' sort state. */
const COLUMNS: (Omit<Column, 'header'> & { label: string; sortBy?: RegistrationSort })[] = [
  {
    id: 'displayName',
    label: 'Name / UPN',
    sortBy: 'displayName',
    track: 'minmax(16rem, 2.2fr)',
    cell: (row) => <NameCell row={row} />,
  },
  {
    id: 'department',
    label: 'Department',
    sortBy: 'department',
    track: 'minmax(9rem, 1fr)',
    cell: (row) => row.department ?? '—',
  },
  { id: 'sspr', label: 'SSPR capable', track: '6.5rem', cell: (row) => <YesNo value={row.isSsprCapable} /> },
  { id: 'mfa', label: 'MFA capable', track: '6.5rem', cell: (row) => <YesNo value={row.isMfaCapable} /> },
  {
    id: 'passwordless',
    label: 'Passwordless',
    track: '7rem',
    cell: (row) => <YesNo value={row.isPasswordlessCapable} />,
  },
  { id: 'admin', label: 'Admin', track: '5rem', cell: (row) => (row.isAdmin ? 'Admin' : '') },
  {
    id: 'methodCount',
    label: 'Methods',
    sortBy: 'methodCount',
    track: 'minmax(16rem, 2.5fr)',
    cell: (row) => <Methods methods={row.methodsRegistered} />,
  },
];

function SortButton({ label, sortBy }: { label: string; sortBy: RegistrationSort }) {
  const styles = useStyles();
  const sort = useStore((s) => s.registration.query.sort);
  const descending = useStore((s) => s.registration.query.descending);
  const setQuery = useStore((s) => s.setRegistrationQuery);
  const active = sort === sortBy;
  const toggle = () => void setQuery({ sort: sortBy, descending: active ? !descending : false });
  return (
    <button type="button" className={styles.sortButton} onClick={toggle}>
      {label}
      {active && (descending ? <ArrowSortDownFilled aria-hidden /> : <ArrowSortUpFilled aria-hidden />)}
    </button>
  );
}

export function RegistrationTable() {
  const styles = useStyles();
  const rows = useStore((s) => s.registration.rows);
  const showRows = useStore((s) => s.showRegistrationRows);
  const retry = useStore((s) => s.retryRegistrationRows);
  const open = useStore((s) => s.openRegistrationUser);
  const sort = useStore((s) => s.registration.query.sort);
  const descending = useStore((s) => s.registration.query.descending);
  const columns = useMemo<Column[]>(
    () =>
      COLUMNS.map(({ label, sortBy, ...column }) => ({
        ...column,
        header: sortBy === undefined ? label : <SortButton label={label} sortBy={sortBy} />,
        ...(sortBy === undefined
          ? {}
          : {
              sort: sortBy !== sort ? ('none' as const) : descending ? ('descending' as const) : ('ascending' as const),
            }),
      })),
    [sort, descending],
  );
  return (
    <VirtualTable
      label="Users and their registered methods"
      testId="registration-scroller"
      columns={columns}
      minWidth="70rem"
      rows={rows}
      rowHeight={ROW_HEIGHT}
      className={styles.scroller}
      onRange={showRows}
      onRetry={retry}
      onOpen={(row) => void open(row.userId)}
    />
  );
}
