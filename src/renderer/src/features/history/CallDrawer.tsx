// One call's timeline (`audit:get-call`): every event it recorded, oldest first, with the facts a team
// lead checks — challenges, actions, hand-over channel, outcome, Graph request ids.
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
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../format';
import { useStore } from '../../store';
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
  muted: { color: tokens.colorNeutralForeground3 },
});

function TimelineItem({ event }: { event: AuditEvent }) {
  const styles = useStyles();
  const outcome = OUTCOME_BADGES[event.outcome];
  const facts = Object.entries(event.detail).filter(([, value]) => value !== null);
  return (
    <li className={styles.item}>
      <div className={styles.head}>
        <Text weight="semibold">{ACTION_LABELS[event.action]}</Text>
        <Badge appearance="tint" color={outcome.color}>
          {outcome.label}
        </Badge>
      </div>
      <Caption1 className={styles.muted}>
        <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> · #{event.id} · {event.agentUpn}
      </Caption1>
      {event.verification !== null && <Text>Verification: {verificationSummary(event.verification)}</Text>}
      {event.ticketRef !== null && <Text>Ticket: {event.ticketRef}</Text>}
      {event.notes !== null && <Text>Notes: {event.notes}</Text>}
      {facts.map(([key, value]) => (
        <Caption1 key={key}>
          {key}: {String(value)}
        </Caption1>
      ))}
    </li>
  );
}

function TimelineBody() {
  const timeline = useStore((s) => s.history.timeline);
  const callId = useStore((s) => s.history.openCallId);
  const open = useStore((s) => s.openCallTimeline);
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
  }
}

export function CallDrawer() {
  const callId = useStore((s) => s.history.openCallId);
  const close = useStore((s) => s.closeCallTimeline);
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
          Call {callId}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>{callId !== null && <TimelineBody />}</DrawerBody>
    </OverlayDrawer>
  );
}
