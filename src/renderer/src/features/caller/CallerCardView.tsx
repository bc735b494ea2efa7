// The caller card: everything the agent needs to judge the call, on one screen. Read-only: the call
// opened with it (verify, act, hand over, close) is the CallPanel beside it.
import {
  Button,
  Caption1,
  Card,
  Divider,
  makeStyles,
  Skeleton,
  SkeletonItem,
  typographyStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DismissRegular } from '@fluentui/react-icons';
import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import type { CallerCard } from '../../../../shared/users';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorTitle } from '../../components/errorTitles';
import { RelativeTime } from '../../components/RelativeTime';
import { useStore } from '../../store';
import { MethodsSection, OtherPartials, RegistrationSection, RolesSection, SelfServiceAttempts } from './CardSections';
import { passwordNeverExpires } from './labels';
import { UserBadges } from './UserBadges';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL },
  header: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  identity: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, flexGrow: 1, minWidth: 0 },
  upn: { overflowWrap: 'anywhere' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  skeleton: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

function Facts({ card }: { card: CallerCard }) {
  const styles = useStyles();
  const { user, manager } = card;
  const none = <span className={styles.muted}>—</span>;
  const rows: [string, ReactNode][] = [
    [
      'Last password change',
      user.lastPasswordChangeDateTime === null ? none : <RelativeTime iso={user.lastPasswordChangeDateTime} exact />,
    ],
    [
      'Password expiry',
      passwordNeverExpires(user.passwordPolicies)
        ? 'Never expires (DisablePasswordExpiration)'
        : "Follows the domain's policy",
    ],
    ['Manager', manager === null ? none : `${manager.displayName} (${manager.userPrincipalName})`],
    ['Department', user.department ?? none],
    ['Job title', user.jobTitle ?? none],
    ['Office', user.officeLocation ?? none],
    ['Employee id', user.employeeId ?? none],
    ['Mail', user.mail ?? none],
  ];
  return (
    <dl className={styles.facts} aria-label="Account facts">
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function CardBody({ card }: { card: CallerCard }) {
  const styles = useStyles();
  const reloadCaller = useStore((s) => s.reloadCaller);
  const closeCaller = useStore((s) => s.closeCaller);
  const titleRef = useRef<HTMLHeadingElement>(null);
  // A newly opened caller takes focus, so a screen reader reads the card the agent just asked for.
  useEffect(() => {
    titleRef.current?.focus();
  }, [card.user.id]);
  return (
    <>
      <div className={styles.header}>
        <div className={styles.identity}>
          {/* A plain h2 with Fluent's type ramp: Subtitle1 does not forward the ref focus needs. */}
          <h2 className={styles.title} id="caller-card-title" ref={titleRef} tabIndex={-1}>
            {card.user.displayName}
          </h2>
          <span className={styles.upn} data-testid="caller-upn">
            {card.user.userPrincipalName}
          </span>
          <UserBadges user={card.user} />
        </div>
        <Button appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void reloadCaller()}>
          Reload
        </Button>
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          aria-label="Close the caller card"
          onClick={closeCaller}
        />
      </div>
      <OtherPartials card={card} />
      <SelfServiceAttempts />
      <Facts card={card} />
      <Divider />
      <MethodsSection card={card} />
      <RolesSection card={card} />
      <RegistrationSection card={card} />
      <Caption1 className={styles.muted}>
        Read from Microsoft Graph <RelativeTime iso={card.fetchedAt} />.
      </Caption1>
    </>
  );
}

export function CallerCardView() {
  const styles = useStyles();
  const card = useStore((s) => s.caller.card);
  const opened = useStore((s) => s.caller.opened);
  const reloadCaller = useStore((s) => s.reloadCaller);
  if (opened === null || card.status === 'idle') return null;
  return (
    <Card
      className={styles.card}
      role="region"
      aria-label={`Caller card: ${opened.displayName}`}
      aria-busy={card.status === 'loading'}
    >
      {card.status === 'loading' && (
        <Skeleton aria-label={`Loading ${opened.displayName}…`} className={styles.skeleton}>
          <SkeletonItem size={32} />
          <SkeletonItem size={16} />
          <SkeletonItem size={96} />
          <SkeletonItem size={48} />
        </Skeleton>
      )}
      {card.status === 'error' && (
        <ErrorNotice
          title={errorTitle(card.error.code, `open ${opened.displayName}`)}
          error={card.error}
          onRetry={() => void reloadCaller()}
        />
      )}
      {card.status === 'ready' && <CardBody card={card.value} />}
    </Card>
  );
}
