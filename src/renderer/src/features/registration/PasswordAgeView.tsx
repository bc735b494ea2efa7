// Password age: whose password has expired or expires within N days, from the snapshot's users
// and each domain's validity period. State tabs carry their counts; department and search narrow the list.
import {
  Body1,
  Field,
  makeStyles,
  Select,
  SpinButton,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import { PASSWORD_AGE_STATES, type PasswordAgeState } from '../../../../shared/registration';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorTitle } from '../../components/errorTitles';
import { formatNumber, plural } from '../../format';
import { useStore } from '../../store';
import { ExportButton, ExportProgress } from './ExportControls';
import { PASSWORD_AGE_LABELS } from './labels';
import { PasswordAgeTable } from './PasswordAgeTable';
import { DebouncedSearch } from './RegistrationFilters';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(13rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    // Top-aligned: the search box's hint must not lift it above the fields beside it.
    alignItems: 'start',
  },
  bar: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' },
});

const ALL = 'all';

function StateTabs() {
  const page = useStore((s) => s.registration.passwordAge);
  const state = useStore((s) => s.registration.passwordAgeQuery.state);
  const setQuery = useStore((s) => s.setPasswordAgeQuery);
  const counts = page.status === 'ready' ? page.value.counts : null;
  const all = counts === null ? null : PASSWORD_AGE_STATES.reduce((sum, s) => sum + counts[s], 0);
  const label = (text: string, n: number | null) => (n === null ? text : `${text} (${formatNumber(n)})`);
  return (
    <TabList
      aria-label="Password state"
      selectedValue={state ?? ALL}
      onTabSelect={(_, d) => void setQuery({ state: d.value === ALL ? undefined : (d.value as PasswordAgeState) })}
    >
      <Tab value={ALL}>{label('All', all)}</Tab>
      {PASSWORD_AGE_STATES.map((s) => (
        <Tab key={s} value={s}>
          {label(PASSWORD_AGE_LABELS[s], counts?.[s] ?? null)}
        </Tab>
      ))}
    </TabList>
  );
}

function Filters() {
  const styles = useStyles();
  const query = useStore((s) => s.registration.passwordAgeQuery);
  const setQuery = useStore((s) => s.setPasswordAgeQuery);
  const departments = useStore((s) =>
    s.registration.stats.status === 'ready' ? s.registration.stats.value.departments : [],
  );
  return (
    <form
      className={styles.filters}
      role="search"
      aria-label="Filter password age"
      onSubmit={(e) => e.preventDefault()}
    >
      <Field label="Expiring means within (days)">
        <SpinButton
          value={query.withinDays}
          min={1}
          max={365}
          onChange={(_, d) => {
            const value = d.value ?? Number(d.displayValue);
            if (Number.isInteger(value) && value >= 1 && value <= 365) void setQuery({ withinDays: value });
          }}
        />
      </Field>
      <Field label="Department">
        <Select value={query.department ?? ''} onChange={(_, d) => void setQuery({ department: d.value || undefined })}>
          <option value="">Any department</option>
          {departments.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </Select>
      </Field>
      <DebouncedSearch
        label="Search name or UPN"
        value={query.search ?? ''}
        onSearch={(text) => void setQuery({ search: text || undefined })}
      />
    </form>
  );
}

function Body() {
  const page = useStore((s) => s.registration.passwordAge);
  const load = useStore((s) => s.loadPasswordAge);
  if (page.status === 'idle' || page.status === 'loading') return <Spinner label="Loading password age…" />;
  if (page.status === 'error') {
    return (
      <ErrorNotice
        title={errorTitle(page.error.code, 'load password age')}
        error={page.error}
        onRetry={() => void load()}
      />
    );
  }
  if (page.value.snapshot === null) {
    return <Body1>Password age comes from the snapshot: take one above to see it.</Body1>;
  }
  const { total } = page.value;
  if (total === 0) return <Body1 aria-live="polite">No users match the filter.</Body1>;
  return (
    <>
      <Body1 aria-live="polite">{`${plural(total, 'user')} ${total === 1 ? 'matches' : 'match'}`}</Body1>
      <PasswordAgeTable />
    </>
  );
}

export function PasswordAgeView() {
  const styles = useStyles();
  const load = useStore((s) => s.loadPasswordAge);
  const total = useStore((s) =>
    s.registration.passwordAge.status === 'ready' ? s.registration.passwordAge.value.total : null,
  );
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Subtitle2 as="h2">Password age</Subtitle2>
        <ExportButton kind="password-age" disabled={total === null || total === 0} />
      </div>
      <Filters />
      <StateTabs />
      <ExportProgress kind="password-age" />
      <Body />
    </div>
  );
}
