// The guided call beside the caller card: the self-service deflection when it applies, then
// verify → restore access → hand over → close, each step enabled only once the one before allows it.
import {
  Button,
  Card,
  Divider,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import type { CallView } from '../../../../../shared/caller';
import { useStore } from '../../../store';
import { ActSection } from './ActSection';
import { CloseSection } from './CloseSection';
import { HandoverSection } from './HandoverSection';
import { VerifySection } from './VerifySection';

export const SELF_SERVICE_URL = 'https://passwordreset.microsoftonline.com/';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL },
});

function DeflectionBanner({ view }: { view: CallView }) {
  const closeCall = useStore((s) => s.closeCall);
  const busy = useStore((s) => s.call.busy === 'close');
  if (view.selfServiceCapable !== true) return null;
  return (
    <MessageBar intent="info" layout="multiline" aria-label="Self-service available">
      <MessageBarBody>
        <MessageBarTitle>{view.card.user.displayName} can reset the password themselves</MessageBarTitle>
        They are registered for self-service password reset: send them to{' '}
        <Link href={SELF_SERVICE_URL} target="_blank" rel="noreferrer">
          {SELF_SERVICE_URL}
        </Link>
        .
      </MessageBarBody>
      <MessageBarActions>
        <Button disabled={busy} onClick={() => void closeCall({ outcome: 'self-service' })}>
          Caller will self-serve
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function CallPanel() {
  const styles = useStyles();
  const view = useStore((s) => s.call.view);
  if (view === null) return null;
  return (
    // Keyed by call: a new call starts with fresh choices, never the previous caller's.
    <Card
      key={view.callId}
      className={styles.card}
      role="region"
      aria-label={`Call with ${view.card.user.displayName}`}
    >
      <DeflectionBanner view={view} />
      <VerifySection view={view} />
      <Divider />
      <ActSection view={view} />
      <HandoverSection view={view} />
      <Divider />
      <CloseSection view={view} />
    </Card>
  );
}
