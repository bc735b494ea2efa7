// Find the caller: a search box (Ctrl+K from anywhere), results as a keyboard list (arrow keys move,
// Enter opens), what the text was matched by, and the last callers opened this session.
import {
  Body1,
  Caption1,
  Field,
  List,
  ListItem,
  makeStyles,
  SearchBox,
  Skeleton,
  SkeletonItem,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { UserSummary } from '../../../../shared/users';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorTitle } from '../../components/errorTitles';
import { SEARCH_SHORTCUT } from '../../hooks/useGlobalShortcuts';
import { useStore } from '../../store';
import { SEARCH_MIN_CHARS, type CallerRef } from '../../store/callerSlice';
import { matchedByLabel } from './labels';
import { UserBadges } from './UserBadges';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  muted: { color: tokens.colorNeutralForeground3 },
  skeleton: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const toRef = (u: Pick<UserSummary, 'id' | 'displayName' | 'userPrincipalName'>): CallerRef => ({
  id: u.id,
  displayName: u.displayName,
  userPrincipalName: u.userPrincipalName,
});

function ResultItem({ user }: { user: UserSummary }) {
  const styles = useStyles();
  const openCaller = useStore((s) => s.openCaller);
  const details = [user.department, user.jobTitle].filter((v) => v !== null).join(' · ');
  return (
    <ListItem value={user.id} className={styles.item} onAction={() => void openCaller(toRef(user))}>
      <Text weight="semibold">{user.displayName}</Text>
      <Caption1>{user.userPrincipalName}</Caption1>
      {details !== '' && <Caption1 className={styles.muted}>{details}</Caption1>}
      <UserBadges user={user} />
    </ListItem>
  );
}

function Results({ listRef }: { listRef: RefObject<HTMLDivElement | null> }) {
  const styles = useStyles();
  const results = useStore((s) => s.caller.results);
  const searchedText = useStore((s) => s.caller.searchedText);
  const runSearch = useStore((s) => s.runSearch);
  switch (results.status) {
    case 'idle':
      return null;
    case 'loading':
      return (
        <Skeleton aria-label="Searching the directory…" className={styles.skeleton}>
          <SkeletonItem size={40} />
          <SkeletonItem size={40} />
          <SkeletonItem size={40} />
        </Skeleton>
      );
    case 'error':
      return (
        <ErrorNotice
          title={errorTitle(results.error.code, 'search the directory')}
          error={results.error}
          onRetry={() => void runSearch()}
        />
      );
    case 'ready': {
      const { users, total, matchedBy } = results.value;
      const count = total !== null && total > users.length ? `${users.length} of ${total}` : String(users.length);
      return (
        <>
          <Body1 role="status">
            {users.length === 0
              ? `No users match “${searchedText ?? ''}” (matched by ${matchedByLabel(matchedBy)}).`
              : `${count} ${users.length === 1 ? 'user' : 'users'}, matched by ${matchedByLabel(matchedBy)}`}
          </Body1>
          {users.length > 0 && (
            <List navigationMode="items" aria-label="Search results" className={styles.list} ref={listRef}>
              {users.map((user) => (
                <ResultItem key={user.id} user={user} />
              ))}
            </List>
          )}
        </>
      );
    }
  }
}

function RecentCallers() {
  const styles = useStyles();
  const recent = useStore((s) => s.caller.recent);
  const openCaller = useStore((s) => s.openCaller);
  if (recent.length === 0) return null;
  return (
    <section aria-labelledby="recent-callers-title">
      <Subtitle2 as="h2" id="recent-callers-title">
        Recent callers
      </Subtitle2>
      <List navigationMode="items" aria-label="Recent callers" className={styles.list}>
        {recent.map((ref) => (
          <ListItem key={ref.id} value={ref.id} className={styles.item} onAction={() => void openCaller(ref)}>
            <Text weight="semibold">{ref.displayName}</Text>
            <Caption1>{ref.userPrincipalName}</Caption1>
          </ListItem>
        ))}
      </List>
    </section>
  );
}

export function CallerSearch() {
  const styles = useStyles();
  const query = useStore((s) => s.caller.query);
  const focusRequest = useStore((s) => s.caller.focusRequest);
  const setQuery = useStore((s) => s.setQuery);
  const openSingleMatch = useStore((s) => s.openSingleMatch);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // Ctrl+K bumps the request; arriving on this screen with nothing focused (just signed in, or the
  // sign-in button that had focus is gone) also lands in the box: finding the caller is the first step.
  useEffect(() => {
    if (focusRequest > 0 || document.activeElement === document.body || document.activeElement === null) {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [focusRequest]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      const first = listRef.current?.querySelector<HTMLElement>('[role="listitem"]');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void openSingleMatch();
    }
  };

  return (
    <div className={styles.root}>
      <Field
        label={`Find the caller (${SEARCH_SHORTCUT.label})`}
        hint={`Name, UPN or mail, employee id or phone — at least ${SEARCH_MIN_CHARS} characters. Enter opens a single match; ↓ moves to the results.`}
      >
        <SearchBox
          ref={inputRef}
          value={query}
          onChange={(_, data) => setQuery(data.value)}
          onKeyDown={onKeyDown}
          aria-keyshortcuts={SEARCH_SHORTCUT.aria}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <Results listRef={listRef} />
      <RecentCallers />
    </div>
  );
}
