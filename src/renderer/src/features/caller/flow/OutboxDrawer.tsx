// Demo mode only: what the demo tenant "sent" (codes, passwords), so a tester reads a code back the
// way a caller would from their phone.
import {
  Body1,
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
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DismissRegular, MailInboxRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { errorTitle } from '../../../components/errorTitles';
import { formatTime } from '../../../format';
import { useStore } from '../../../store';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  body: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

export function OutboxDrawer() {
  const styles = useStyles();
  const demo = useStore((s) => s.info.status === 'ready' && s.info.value.tenantMode === 'demo');
  const outbox = useStore((s) => s.call.outbox);
  const loadOutbox = useStore((s) => s.loadOutbox);
  const [open, setOpen] = useState(false);
  // The drawer hands focus back to this button when it closes (Fluent's restore-focus target).
  const restoreFocusTarget = useRestoreFocusTarget();
  if (!demo) return null;
  const show = () => {
    setOpen(true);
    void loadOutbox();
  };
  // Newest first: the code just sent is the one the tester wants.
  const items = outbox.status === 'ready' ? [...outbox.value].reverse() : [];
  return (
    <>
      <Button icon={<MailInboxRegular />} onClick={show} {...restoreFocusTarget}>
        Demo outbox
      </Button>
      <OverlayDrawer position="end" open={open} onOpenChange={(_, d) => setOpen(d.open)} aria-label="Demo outbox">
        <DrawerHeader>
          <DrawerHeaderTitle
            action={
              <>
                <Button appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void loadOutbox()}>
                  Refresh
                </Button>
                <Button
                  appearance="subtle"
                  aria-label="Close the outbox"
                  icon={<DismissRegular />}
                  onClick={() => setOpen(false)}
                />
              </>
            }
          >
            Demo outbox
          </DrawerHeaderTitle>
        </DrawerHeader>
        <DrawerBody>
          {outbox.status === 'loading' && <Spinner size="tiny" label="Loading…" />}
          {outbox.status === 'error' && (
            <ErrorNotice title={errorTitle(outbox.error.code, 'read the outbox')} error={outbox.error} />
          )}
          {outbox.status === 'ready' && items.length === 0 && <Body1>Nothing sent yet.</Body1>}
          <ul className={styles.list} aria-label="Sent messages">
            {items.map((m) => (
              <li key={m.id} className={styles.item}>
                <Caption1>
                  {m.kind === 'sms' ? 'SMS' : 'Mail'} to {m.to} · {formatTime(m.at)}
                </Caption1>
                {m.subject !== null && <Text weight="semibold">{m.subject}</Text>}
                <Body1 className={styles.body}>{m.body}</Body1>
              </li>
            ))}
          </ul>
        </DrawerBody>
      </OverlayDrawer>
    </>
  );
}
