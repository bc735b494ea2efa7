// Self-service: Entra's audit log of self-service password activity (resets, blocks, registrations)
// and helpdesk resets, fetched into main's cache on Refresh and read back from it — so the screen
// still shows the last fetch when Entra cannot be reached, and says how old it is.
import { Body1, Button, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fluentRef } from '../../components/fluentRef';
import { ScreenTitle } from '../../components/ScreenTitle';
import { useStore } from '../../store';
import { SsprCharts } from './SsprCharts';
import { SsprFilters } from './SsprFilters';
import { isAccessProblem, SsprFreshness, SsprRefreshProblem } from './SsprStatus';
import { SsprTable } from './SsprTable';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  titleRow: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  empty: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingVerticalXL },
  footer: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

function LoadMore() {
  const styles = useStyles();
  const nextCursor = useStore((s) => s.sspr.nextCursor);
  const more = useStore((s) => s.sspr.more);
  const count = useStore((s) => s.sspr.events.length);
  const loadMore = useStore((s) => s.loadMoreSspr);
  const statusRef = useRef<HTMLSpanElement>(null);
  const onLoadMore = async () => {
    await loadMore();
    // The last page removes the focused button; land on the count instead of the page's start.
    if (useStore.getState().sspr.nextCursor === null) statusRef.current?.focus();
  };
  return (
    <div className={styles.footer}>
      <Text aria-live="polite" ref={fluentRef(statusRef)} tabIndex={-1} data-testid="sspr-count">
        Showing {count} {count === 1 ? 'event' : 'events'}
        {nextCursor === null ? '' : ' — more are available'}
      </Text>
      {nextCursor !== null && (
        <Button
          onClick={() => void onLoadMore()}
          disabledFocusable={more.status === 'loading'}
          icon={more.status === 'loading' ? <Spinner size="tiny" /> : null}
        >
          Load more
        </Button>
      )}
      {more.status === 'error' && (
        <ErrorNotice title="Could not load more events" error={more.error} onRetry={() => void onLoadMore()} />
      )}
    </div>
  );
}

function EventsBody() {
  const styles = useStyles();
  const list = useStore((s) => s.sspr.list);
  const events = useStore((s) => s.sspr.events);
  const filtered = useStore((s) => s.sspr.activity !== null || s.sspr.user !== null);
  const reload = useStore((s) => s.reloadSspr);
  if (list.status === 'idle' || list.status === 'loading') return <Spinner label="Loading self-service activity…" />;
  if (list.status === 'error') {
    return (
      <ErrorNotice title="Could not read the self-service activity" error={list.error} onRetry={() => void reload()} />
    );
  }
  if (events.length === 0) {
    return (
      <div className={styles.empty}>
        <Subtitle2 as="h3">
          {filtered ? 'No events match the filter' : 'No self-service activity in this range'}
        </Subtitle2>
        <Body1>
          {filtered
            ? 'Choose another activity or user, or widen the date range.'
            : 'Self-service resets, blocked attempts, registrations and helpdesk resets appear here once Entra logs them.'}
        </Body1>
      </div>
    );
  }
  return (
    <>
      <SsprTable events={events} />
      <LoadMore />
    </>
  );
}

export function SsprScreen() {
  const styles = useStyles();
  const openSspr = useStore((s) => s.openSspr);
  const refresh = useStore((s) => s.refreshSspr);
  const refreshing = useStore((s) => s.sspr.refresh.status === 'running');
  // Refused, and nothing fetched before: zeros and an empty list would read as "no activity".
  const nothingToShow = useStore(
    (s) =>
      s.sspr.refresh.status === 'failed' &&
      isAccessProblem(s.sspr.refresh.error.code) &&
      s.sspr.fetchedAt === null &&
      s.sspr.list.status === 'ready' &&
      s.sspr.events.length === 0,
  );

  useEffect(() => {
    void openSspr();
  }, [openSspr]);

  return (
    <section className={styles.root} aria-labelledby="screen-title" aria-busy={refreshing}>
      <div className={styles.titleRow}>
        <ScreenTitle>Self-service activity</ScreenTitle>
        <Button
          icon={refreshing ? <Spinner size="tiny" /> : <ArrowClockwiseRegular />}
          onClick={() => void refresh()}
          disabledFocusable={refreshing}
        >
          Refresh
        </Button>
      </div>
      <SsprFreshness />
      <SsprRefreshProblem />
      {!nothingToShow && <SsprFilters />}
      {!nothingToShow && (
        <>
          <section className={styles.section} aria-labelledby="sspr-deflection">
            <Subtitle2 as="h2" id="sspr-deflection">
              Deflection
            </Subtitle2>
            <SsprCharts />
          </section>
          <section className={styles.section} aria-labelledby="sspr-events">
            <Subtitle2 as="h2" id="sspr-events">
              Events
            </Subtitle2>
            <EventsBody />
          </section>
        </>
      )}
    </section>
  );
}
