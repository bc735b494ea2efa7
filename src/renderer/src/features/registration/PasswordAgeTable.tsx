// The password-age list in the virtual-table shell (components/VirtualTable.tsx), like the users table:
// sized to the filter's total, rows fetched a window at a time by the slice from
// `registration:list-password-age`; a row (Enter or a click) opens the user's drill-down.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PasswordAgeRow } from '../../../../shared/registration';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { formatDate } from '../../format';
import { useStore } from '../../store';
import { PASSWORD_AGE_LABELS } from './labels';
import { ROW_HEIGHT } from './RegistrationTable';

const useStyles = makeStyles({
  scroller: { height: 'min(32rem, 60vh)' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  stack: { display: 'flex', flexDirection: 'column', lineHeight: tokens.lineHeightBase200 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  late: { color: tokens.colorPaletteRedForeground1 },
  numeric: { fontVariantNumeric: 'tabular-nums' },
});

function NameCell({ row }: { row: PasswordAgeRow }) {
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <span className={styles.cell}>{row.displayName}</span>
      <span className={mergeClasses(styles.muted, styles.cell)}>{row.userPrincipalName}</span>
    </div>
  );
}

function DaysLeft({ row }: { row: PasswordAgeRow }) {
  const styles = useStyles();
  const late = row.daysLeft !== null && row.daysLeft < 0;
  return <span className={mergeClasses(styles.numeric, late && styles.late)}>{row.daysLeft ?? '—'}</span>;
}

const COLUMNS: VirtualColumn<PasswordAgeRow>[] = [
  { id: 'name', header: 'Name / UPN', track: 'minmax(16rem, 2.2fr)', cell: (row) => <NameCell row={row} /> },
  { id: 'department', header: 'Department', track: 'minmax(9rem, 1fr)', cell: (row) => row.department ?? '—' },
  { id: 'changed', header: 'Last change', track: '8rem', cell: (row) => formatDate(row.lastPasswordChangeDateTime) },
  { id: 'expires', header: 'Expires', track: '8rem', cell: (row) => formatDate(row.expiresAt) },
  { id: 'daysLeft', header: 'Days left', track: '6rem', cell: (row) => <DaysLeft row={row} /> },
  { id: 'state', header: 'State', track: '8rem', cell: (row) => PASSWORD_AGE_LABELS[row.state] },
  { id: 'domain', header: 'Domain', track: 'minmax(10rem, 1fr)', cell: (row) => row.domain },
];

export function PasswordAgeTable() {
  const styles = useStyles();
  const rows = useStore((s) => s.registration.passwordAgeRows);
  const showRows = useStore((s) => s.showPasswordAgeRows);
  const retry = useStore((s) => s.retryPasswordAgeRows);
  const open = useStore((s) => s.openRegistrationUser);
  return (
    <VirtualTable
      label="Password age of users"
      testId="password-age-scroller"
      columns={COLUMNS}
      minWidth="64rem"
      rows={rows}
      rowHeight={ROW_HEIGHT}
      className={styles.scroller}
      onRange={showRows}
      onRetry={retry}
      onOpen={(row) => void open(row.userId)}
    />
  );
}
