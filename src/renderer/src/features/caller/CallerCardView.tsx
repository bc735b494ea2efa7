// The caller card: a compact summary of what the agent needs to judge the call (who, the account's
// state, what to do about it, what their roles keep off the card) with the rest on demand ("Show
// details"). Read-only: the call opened with it (verify, act, hand over, close) is the CallPanel beside it.
import {
  Button,
  Caption1,
  Card,
  Divider,
  makeStyles,
  Skeleton,
  SkeletonItem,
  Tooltip,
  typographyStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, ChevronDownRegular, ChevronUpRegular, DismissRegular } from '@fluentui/react-icons';
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CallerCard } from '../../../../shared/users';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorTitle } from '../../components/errorTitles';
import { RelativeTime, useNow } from '../../components/RelativeTime';
import { useStore } from '../../store';
import { DisabledNotice, ExpiredNotice, LimitsNotice } from './CardGuidance';
import {
  MethodsSection,
  OtherPartials,
  PrivilegedNotice,
  RegistrationSection,
  ReportsPending,
  RolesSection,
  SelfServiceAttempts,
} from './CardSections';
import { passwordExpiry, passwordExpiryText, type PasswordExpiry } from './labels';
import { UserBadges } from './UserBadges';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  header: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS },
  // Focused when a caller opens (for screen readers): a quiet brand underline, not a heavy box.
  title: {
    ...typographyStyles.subtitle1,
    margin: 0,
    overflowWrap: 'anywhere',
    borderRadius: tokens.borderRadiusSmall,
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': {
      outlineStyle: 'none',
      textDecorationLine: 'underline',
      textDecorationColor: tokens.colorBrandStroke1,
      textDecorationThickness: '2px',
      textUnderlineOffset: '4px',
    },
  },
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
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  toggle: { alignSelf: 'flex-start' },
});

function Facts({ card, expiry, part }: { card: CallerCard; expiry: PasswordExpiry; part: 'key' | 'more' }) {
  const styles = useStyles();
  const { user, manager } = card;
  const none = <span className={styles.muted}>—</span>;
  const rows: [string, ReactNode][] =
    part === 'key'
      ? [
          [
            'Last password change',
            user.lastPasswordChangeDateTime === null ? (
              none
            ) : (
              <RelativeTime iso={user.lastPasswordChangeDateTime} exact />
            ),
          ],
          ['Password expiry', passwordExpiryText(expiry)],
          ['Department', user.department ?? none],
        ]
      : [
          ['Manager', manager === null ? none : `${manager.displayName} (${manager.userPrincipalName})`],
          ['Job title', user.jobTitle ?? none],
          ['Office', user.officeLocation ?? none],
          ['Employee id', user.employeeId ?? none],
          ['Mail', user.mail ?? none],
        ];
  return (
    <dl className={styles.facts} aria-label={part === 'key' ? 'Account facts' : 'More account facts'}>
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The domains' password validity from the cached tenant policy (loaded once, as the Policy screen does). */
function useDomains() {
  const policy = useStore((s) => s.settings.policy);
  const loadPolicy = useStore((s) => s.loadPolicy);
  useEffect(() => {
    if (policy.status === 'idle') void loadPolicy();
  }, [policy.status, loadPolicy]);
  return policy.status === 'ready' ? policy.value.snapshot.domains.value : null;
}

function CardBody({ card }: { card: CallerCard }) {
  const styles = useStyles();
  const reloadCaller = useStore((s) => s.reloadCaller);
  const closeCaller = useStore((s) => s.closeCaller);
  const view = useStore((s) => (s.call.view?.card.user.id === card.user.id ? s.call.view : null));
  const domains = useDomains();
  const now = useNow();
  const expiry = passwordExpiry(card.user, domains, now);
  const [details, setDetails] = useState(false);
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
        <Tooltip content="Read the card again from Microsoft Graph" relationship="description">
          <Button
            appearance="subtle"
            icon={<ArrowClockwiseRegular />}
            aria-label="Reload"
            onClick={() => void reloadCaller()}
          />
        </Tooltip>
        <Tooltip content="Close the caller card" relationship="label">
          <Button appearance="subtle" icon={<DismissRegular />} onClick={closeCaller} />
        </Tooltip>
      </div>
      <DisabledNotice card={card} view={view} />
      <ExpiredNotice expiry={expiry} />
      <PrivilegedNotice card={card} />
      <SelfServiceAttempts quietErrors />
      <Facts card={card} expiry={expiry} part="key" />
      {/* What the card cannot show is known once its methods and registration details are in. */}
      {card.reportsPending === true ? (
        <ReportsPending what="sign-in methods and registration details" />
      ) : (
        <LimitsNotice card={card} />
      )}
      <Button
        appearance="subtle"
        size="small"
        className={styles.toggle}
        icon={details ? <ChevronUpRegular /> : <ChevronDownRegular />}
        aria-expanded={details}
        aria-controls="caller-card-details"
        onClick={() => setDetails(!details)}
      >
        {details ? 'Hide details' : 'Show details'}
      </Button>
      <div id="caller-card-details" hidden={!details}>
        <div className={styles.details}>
          <Facts card={card} expiry={expiry} part="more" />
          <OtherPartials card={card} />
          <Divider />
          <MethodsSection card={card} />
          <RolesSection card={card} />
          <RegistrationSection card={card} />
          <Caption1 className={styles.muted}>
            Read from Microsoft Graph <RelativeTime iso={card.fetchedAt} />.
          </Caption1>
        </div>
      </div>
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
