// Registration: a snapshot of which sign-in methods each user has registered, taken from
// Entra's registration report (or through $batch without P1) into the local database. The Methods tab
// shows it as charts and a 100,000-row virtualized table; the Password age tab lists expiring passwords.
// Main shows the snapshot only to the roles that may read the report; others see that refusal alone.
import {
  Body1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ResultError } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorTitle } from '../../components/errorTitles';
import { ScreenTitle } from '../../components/ScreenTitle';
import { plural } from '../../format';
import { useStore } from '../../store';
import { ExportButton, ExportProgress } from './ExportControls';
import { PasswordAgeView } from './PasswordAgeView';
import { RegistrationCharts } from './RegistrationCharts';
import { RegistrationFilters } from './RegistrationFilters';
import { RegistrationTable } from './RegistrationTable';
import { SnapshotPanel } from './SnapshotPanel';
import { UserDrawer } from './UserDrawer';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  bar: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' },
  empty: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingVerticalXL },
});

type View = 'methods' | 'password-age';

function UsersTable() {
  const list = useStore((s) => s.registration.list);
  const load = useStore((s) => s.loadRegistrationList);
  if (list.status === 'idle' || list.status === 'loading') return <Spinner label="Loading users…" />;
  if (list.status === 'error') {
    return (
      <ErrorNotice
        title={errorTitle(list.error.code, 'load the users')}
        error={list.error}
        onRetry={() => void load()}
      />
    );
  }
  const { total } = list.value;
  return (
    <>
      <Body1 aria-live="polite">
        {total === 0 ? 'No users match the filter.' : `${plural(total, 'user')} ${total === 1 ? 'matches' : 'match'}`}
      </Body1>
      {total > 0 && <RegistrationTable />}
    </>
  );
}

function MethodsView() {
  const styles = useStyles();
  const stats = useStore((s) => s.registration.stats);
  const load = useStore((s) => s.loadRegistrationStats);
  const total = useStore((s) => (s.registration.list.status === 'ready' ? s.registration.list.value.total : 0));
  const ready = stats.status === 'ready' ? stats.value : null;
  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="registration-users">
        <div className={styles.bar}>
          <Subtitle2 as="h2" id="registration-users">
            Users
          </Subtitle2>
          <ExportButton kind="registration" disabled={total === 0} />
        </div>
        <RegistrationFilters stats={ready} />
        <ExportProgress kind="registration" />
        <UsersTable />
      </section>
      <section className={styles.section} aria-labelledby="registration-charts">
        <Subtitle2 as="h2" id="registration-charts">
          Overview
        </Subtitle2>
        {stats.status === 'error' && (
          <ErrorNotice
            title={errorTitle(stats.error.code, 'load the figures')}
            error={stats.error}
            onRetry={() => void load()}
          />
        )}
        {(stats.status === 'loading' || stats.status === 'idle') && <Spinner label="Loading the figures…" />}
        {ready !== null && <RegistrationCharts stats={ready} />}
      </section>
    </div>
  );
}

/** No snapshot yet: say what one is and what taking it costs; the panel above has the button. */
function NoSnapshot() {
  const styles = useStyles();
  return (
    <div className={styles.empty}>
      <Subtitle2 as="h2">No snapshot yet</Subtitle2>
      <Body1>
        A snapshot reads Microsoft Entra&apos;s registration report once and keeps it here, so the table, charts and
        password age answer at once without asking Microsoft Graph again. Take one with “Take snapshot”; it takes a few
        seconds for a few thousand users and can be cancelled and resumed.
      </Body1>
    </div>
  );
}

/** Main refused the screen to this agent's role: said once, with main's message naming the roles that may. */
function Refused({ error }: { error: ResultError }) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Your directory role cannot see the registration report</MessageBarTitle> {error.message}
      </MessageBarBody>
    </MessageBar>
  );
}

export function RegistrationScreen() {
  const styles = useStyles();
  const load = useStore((s) => s.loadRegistration);
  const list = useStore((s) => s.registration.list);
  const [view, setView] = useState<View>('methods');
  // Reload on every visit: a snapshot may have finished (or been taken in another window) meanwhile.
  useEffect(() => {
    void load();
  }, [load]);
  const stats = useStore((s) => s.registration.stats);
  // The list tells whether a snapshot exists; when the list was refused (a search too long, say) the
  // figures still know, so a refused search never reads as "no snapshot".
  const snapshot =
    list.status === 'ready' ? list.value.snapshot : stats.status === 'ready' ? stats.value.snapshot : null;
  const noSnapshot =
    list.status === 'ready'
      ? snapshot === null
      : list.status === 'error' && stats.status === 'ready' && snapshot === null;

  if (list.status === 'error' && list.error.code === 'not_allowed') {
    return (
      <section className={styles.root} aria-labelledby="screen-title">
        <ScreenTitle>Registration</ScreenTitle>
        <Refused error={list.error} />
      </section>
    );
  }

  return (
    <section className={styles.root} aria-labelledby="screen-title">
      <ScreenTitle>Registration</ScreenTitle>
      <SnapshotPanel snapshot={snapshot} />
      {noSnapshot ? (
        <NoSnapshot />
      ) : (
        <>
          <TabList
            aria-label="Registration views"
            selectedValue={view}
            onTabSelect={(_, d) => setView(d.value as View)}
          >
            <Tab value="methods">Methods</Tab>
            <Tab value="password-age">Password age</Tab>
          </TabList>
          {view === 'methods' ? <MethodsView /> : <PasswordAgeView />}
        </>
      )}
      <UserDrawer />
    </section>
  );
}
