// One call's timeline (`audit:get-call`), titled by the caller and when the call began: every event it
// recorded, oldest first, with the facts a team lead checks as labelled fields — challenges, actions,
// hand-over channel, outcome, Microsoft request ids (detailFields.ts).
import {
  Badge,
  Button,
  Caption1,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { AuditEvent } from '../../../../shared/audit';
import { assertNever } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTimeZoned, formatUtc } from '../../format';
import { useStore } from '../../store';
import { detailFields } from './detailFields';
import { ACTION_LABELS, OUTCOME_BADGES, verificationSummary } from './labels';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  field: { display: 'contents' },
  value: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

function TimelineItem({ event }: { event: AuditEvent }) {
  const styles = useStyles();
  const outcome = OUTCOME_BADGES[event.outcome];
  const fields = [
    ...(event.verification === null ? [] : [{ label: 'Verification', value: verificationSummary(event.verification) }]),
    ...(event.ticketRef === null ? [] : [{ label: 'Ticket', value: event.ticketRef }]),
    ...(event.notes === null ? [] : [{ label: 'Notes', value: event.notes }]),
    ...detailFields(event.detail),
  ];
  return (
    <li className={styles.item}>
      <div className={styles.head}>
        <Text weight="semibold">{ACTION_LABELS[event.action]}</Text>
        <Badge appearance="tint" color={outcome.color}>
          {outcome.label}
        </Badge>
      </div>
      <Caption1 className={styles.muted}>
        <time dateTime={event.occurredAt} title={formatUtc(event.occurredAt)}>
          {formatDateTimeZoned(event.occurredAt)}
        </time>{' '}
        by {event.agentUpn} · row {event.id}
      </Caption1>
      {fields.length > 0 && (
        <dl className={styles.fields}>
          {fields.map((f) => (
            <div key={f.label} className={styles.field}>
              <dt className={styles.muted}>{f.label}</dt>
              <dd className={styles.value}>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

/** "Adele Vance, 6 Dec 2026, 14:03 CET": the caller and when the call began. */
function callTitle(events: AuditEvent[] | null): string {
  const first = events?.[0];
  if (first === undefined) return 'Call timeline';
  const caller = events?.find((e) => e.targetName !== null)?.targetName ?? first.targetUpn;
  const when = formatDateTimeZoned(first.occurredAt, { seconds: false });
  return caller === null ? `Call of ${when}` : `${caller}, ${when}`;
}

function TimelineBody() {
  const timeline = useStore((s) => s.history.timeline);
  const callId = useStore((s) => s.history.openCallId);
  // A team call's events come from the team's workspace (Team History), this PC's from its own trail.
  const open = useStore((s) => (s.teamHistory.mode === 'team' ? s.openTeamCall : s.openCallTimeline));
  const styles = useStyles();
  switch (timeline.status) {
    case 'idle':
    case 'loading':
      return <Spinner label="Loading the call…" />;
    case 'error':
      return (
        <ErrorNotice
          title="Could not load the call"
          error={timeline.error}
          onRetry={callId === null ? undefined : () => void open(callId)}
        />
      );
    case 'ready':
      return (
        <ol className={styles.list} aria-label="Call events">
          {timeline.value.events.map((event) => (
            <TimelineItem key={event.id} event={event} />
          ))}
        </ol>
      );
    default:
      return assertNever(timeline, 'load status');
  }
}

export function CallDrawer() {
  const callId = useStore((s) => s.history.openCallId);
  const close = useStore((s) => s.closeCallTimeline);
  const events = useStore((s) => (s.history.timeline.status === 'ready' ? s.history.timeline.value.events : null));
  return (
    <OverlayDrawer
      position="end"
      size="medium"
      open={callId !== null}
      onOpenChange={(_, data) => !data.open && close()}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={close} />}
        >
          {callTitle(events)}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>{callId !== null && <TimelineBody />}</DrawerBody>
    </OverlayDrawer>
  );
}
