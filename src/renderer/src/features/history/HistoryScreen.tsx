// History: the local audit trail, newest first, with the chain check on top, a filter applied in main,
// a call's timeline in a drawer and a CSV export of the current filter. Charts are still to come.
import { Body1, Button, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenTitle } from '../../components/ScreenTitle';
import { useStore } from '../../store';
import { AuditTable } from './AuditTable';
import { CallDrawer } from './CallDrawer';
import { ChainStatus } from './ChainStatus';
import { ExportButton, ExportStatus } from './ExportPanel';
import { FilterBar } from './FilterBar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  titleRow: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  titleActions: { display: 'flex', gap: tokens.spacingHorizontalS },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalXXL,
  },
  footer: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

function LoadMore() {
  const nextCursor = useStore((s) => s.history.nextCursor);
  const more = useStore((s) => s.history.more);
  const count = useStore((s) => s.history.events.length);
  const loadMore = useStore((s) => s.loadMoreHistory);
  const styles = useStyles();
  const statusRef = useRef<HTMLSpanElement>(null);
  const onLoadMore = async () => {
    await loadMore();
    // The last page removes the button that had focus; land on the count instead of the page's start.
    if (useStore.getState().history.nextCursor === null) statusRef.current?.focus();
  };
  return (
    <div className={styles.footer}>
      <Text aria-live="polite" ref={statusRef} tabIndex={-1}>
        Showing {count} {count === 1 ? 'event' : 'events'}
        {nextCursor === null ? '' : ' — more are available'}
      </Text>
      {nextCursor !== null && (
        <Button
          onClick={() => void onLoadMore()}
          disabledFocusable={more.status === 'loading'}
          icon={more.status === 'loading' ? <Spinner size="tiny" /> : undefined}
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

function HistoryBody() {
  const list = useStore((s) => s.history.list);
  const events = useStore((s) => s.history.events);
  const loadHistory = useStore((s) => s.loadHistory);
  const filtered = useStore((s) => Object.keys(s.history.filter).length > 0);
  const styles = useStyles();

  if (list.status === 'idle' || list.status === 'loading') return <Spinner label="Loading the audit trail…" />;
  if (list.status === 'error') {
    return <ErrorNotice title="Could not load the history" error={list.error} onRetry={() => void loadHistory()} />;
  }
  if (events.length === 0 && filtered) {
    return (
      <div className={styles.empty}>
        <Subtitle2 as="h2">No events match the filter</Subtitle2>
        <Body1>Widen the dates or clear a field to see more.</Body1>
      </div>
    );
  }
  if (events.length === 0) {
    return (
      <div className={styles.empty}>
        <Subtitle2 as="h2">No calls recorded yet</Subtitle2>
        <Body1>Verifications, resets and hand-overs appear here as agents work through calls.</Body1>
      </div>
    );
  }
  return (
    <>
      <AuditTable events={events} />
      <LoadMore />
    </>
  );
}

export function HistoryScreen() {
  const loadHistory = useStore((s) => s.loadHistory);
  const loading = useStore((s) => s.history.list.status === 'loading');
  const styles = useStyles();

  // Reload on every visit: calls closed on the Caller screen since the last visit must show up.
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  return (
    <section className={styles.root} aria-labelledby="screen-title">
      <div className={styles.titleRow}>
        <ScreenTitle>History</ScreenTitle>
        <div className={styles.titleActions}>
          <ExportButton />
          <Button icon={<ArrowClockwiseRegular />} onClick={() => void loadHistory()} disabledFocusable={loading}>
            Refresh
          </Button>
        </div>
      </div>
      <ChainStatus />
      <FilterBar />
      <ExportStatus />
      <HistoryBody />
      <CallDrawer />
    </section>
  );
}
