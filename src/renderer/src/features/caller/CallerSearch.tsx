// Find the caller: a search box (Ctrl+K from anywhere), results as a keyboard list (arrow keys move,
// Enter opens), what the text was matched by, and the last callers opened this session. Once a caller
// is opened the list folds to one line ("1 result — Show") so the call gets the room; a new search
// unfolds it.
import {
  Body1,
  Button,
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
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { SEARCH_MAX_CHARS } from '../../../../shared/searchWords';
import type { UserSummary } from '../../../../shared/users';
import { assertNever } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorTitle } from '../../components/errorTitles';
import { fluentRef } from '../../components/fluentRef';
import { SEARCH_SHORTCUT } from '../../hooks/useGlobalShortcuts';
import { cutMessage, useLengthLimit } from '../../hooks/useLengthLimit';
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
  folded: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
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
              ? (results.value.note ??
                `No users match “${searchedText ?? ''}” (matched by ${matchedByLabel(matchedBy)}).`)
              : `${count} ${users.length === 1 ? 'user' : 'users'}, matched by ${matchedByLabel(matchedBy)}`}
          </Body1>
          {users.length > 0 && (
            <List navigationMode="items" aria-label="Search results" className={styles.list} ref={fluentRef(listRef)}>
              {users.map((user) => (
                <ResultItem key={user.id} user={user} />
              ))}
            </List>
          )}
        </>
      );
    }
    default:
      return assertNever(results, 'load status');
  }
}

/** The one line the results fold to while a caller is open. */
function FoldedResults({ onShow }: { onShow: () => void }) {
  const styles = useStyles();
  const results = useStore((s) => s.caller.results);
  const recent = useStore((s) => s.caller.recent.length);
  const what =
    results.status === 'ready'
      ? `${results.value.users.length} ${results.value.users.length === 1 ? 'result' : 'results'}`
      : recent > 0
        ? `${recent} recent ${recent === 1 ? 'caller' : 'callers'}`
        : null;
  if (what === null) return null;
  return (
    <div className={styles.folded}>
      <Caption1 className={styles.muted}>{what} —</Caption1>
      <Button
        appearance="transparent"
        size="small"
        aria-expanded={false}
        aria-label="Show the results"
        onClick={onShow}
      >
        Show
      </Button>
    </div>
  );
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
  const openedId = useStore((s) => s.caller.opened?.id ?? null);
  const searchedText = useStore((s) => s.caller.searchedText);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const limit = useLengthLimit(SEARCH_MAX_CHARS);
  // The box is emptied for the next call without a change event: the warning goes with the text.
  const cut = limit.cut && query.length >= SEARCH_MAX_CHARS;
  // The caller the list was folded for: opening one folds it, a new search or "Show" unfolds it.
  const [foldedFor, setFoldedFor] = useState<string | null>(openedId);
  const [seen, setSeen] = useState({ openedId, searchedText });
  if (seen.openedId !== openedId || seen.searchedText !== searchedText) {
    // React's "adjust state while rendering" pattern: a newly opened caller wins over a new search.
    setSeen({ openedId, searchedText });
    setFoldedFor(seen.openedId !== openedId ? openedId : null);
  }
  const folded = openedId !== null && foldedFor === openedId;

  // Ctrl+K bumps the request; arriving on this screen with nothing focused (just signed in, or the
  // sign-in button that had focus is gone) also lands in the box: finding the caller is the first step.
  useEffect(() => {
    if (focusRequest > 0 || document.activeElement === document.body || document.activeElement === null) {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [focusRequest]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && folded) {
      event.preventDefault();
      setFoldedFor(null);
    } else if (event.key === 'ArrowDown') {
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
        hint={
          cut
            ? null
            : `Name, UPN or mail, employee id or phone — ${SEARCH_MIN_CHARS} to ${SEARCH_MAX_CHARS} characters. Enter opens a single match; ↓ moves to the results.`
        }
        validationState={cut ? 'warning' : 'none'}
        validationMessage={cut ? cutMessage(SEARCH_MAX_CHARS) : null}
      >
        <SearchBox
          ref={fluentRef(inputRef)}
          maxLength={SEARCH_MAX_CHARS}
          value={query}
          onPaste={limit.onPaste}
          onChange={(_, data) => {
            setQuery(data.value);
            limit.onValue(data.value);
          }}
          onKeyDown={onKeyDown}
          aria-keyshortcuts={SEARCH_SHORTCUT.aria}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      {folded ? (
        <FoldedResults onShow={() => setFoldedFor(null)} />
      ) : (
        <>
          {openedId !== null && (
            <div className={styles.folded}>
              <Button appearance="transparent" size="small" aria-expanded onClick={() => setFoldedFor(openedId)}>
                Hide the results
              </Button>
            </div>
          )}
          <Results listRef={listRef} />
          <RecentCallers />
        </>
      )}
    </div>
  );
}
