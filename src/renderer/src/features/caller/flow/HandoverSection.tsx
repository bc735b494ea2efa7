// Step 3: hand the secret over. Masked until "Reveal" (main answers once; the value then stays on
// screen until the call closes, with Copy and a read-out to say it aloud), or sent by SMS or email to a
// channel the caller proved in this call.
import { Button, Caption1, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { CopyRegular, EyeRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ActionResult, CallView } from '../../../../../shared/caller';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { errorTitle } from '../../../components/errorTitles';
import { useStore } from '../../../store';
import { CLIPBOARD_CLEAR_MS, copySecret } from './clipboard';
import { SecretReadout } from './SecretReadout';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  value: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
});

function SecretRow({ result, view }: { result: ActionResult & { secretId: string }; view: CallView }) {
  const styles = useStyles();
  const { secretId } = result;
  const secret = useStore((s) => s.call.secrets[secretId]);
  const sent = useStore((s) => s.call.sent[secretId]);
  const error = useStore((s) => s.call.errors[secretId]);
  const busy = useStore((s) => s.call.busy === secretId);
  const revealSecret = useStore((s) => s.revealSecret);
  const sendSecret = useStore((s) => s.sendSecret);
  const [copied, setCopied] = useState(false);
  const what = result.kind === 'issueTap' ? 'Temporary Access Pass' : 'New password';
  // Main refuses a pending reset's secret; say so rather than offer a button that fails.
  const ready = result.status === 'done';
  const proved = view.verification.passed;
  return (
    <div className={styles.row} role="group" aria-label={what}>
      <Text weight="semibold">{what}</Text>
      {secret !== undefined ? (
        <>
          <code className={styles.value} data-testid="revealed-secret">
            {secret.value}
          </code>
          <Button icon={<CopyRegular />} onClick={() => void copySecret(secret.value).then(() => setCopied(true))}>
            Copy
          </Button>
          {copied && (
            <Caption1 role="status">Copied; the clipboard is cleared in {CLIPBOARD_CLEAR_MS / 1000} s.</Caption1>
          )}
          <SecretReadout secret={secret} />
        </>
      ) : sent !== undefined ? (
        <Text role="status">Sent to {sent.destination}.</Text>
      ) : (
        <>
          <code className={styles.value} aria-label="Hidden">
            ••••••••••
          </code>
          <Button icon={<EyeRegular />} disabled={!ready || busy} onClick={() => void revealSecret(secretId)}>
            Reveal
          </Button>
          {proved.includes('sms') && (
            <Button disabled={!ready || busy} onClick={() => void sendSecret(secretId, 'sms')}>
              Send by SMS
            </Button>
          )}
          {proved.includes('email') && (
            <Button disabled={!ready || busy} onClick={() => void sendSecret(secretId, 'email')}>
              Send by email
            </Button>
          )}
          {!ready && <Caption1>Available once the action is done.</Caption1>}
          {ready && result.audit === 'pending' && (
            <Caption1>The audit record of this action is still waiting to be written; you can hand it over.</Caption1>
          )}
        </>
      )}
      {error !== undefined && <ErrorNotice title={errorTitle(error.code, 'hand the secret over')} error={error} />}
    </div>
  );
}

export function HandoverSection({ view }: { view: CallView }) {
  const styles = useStyles();
  const run = useStore((s) => s.call.run);
  const withSecrets = (run?.results ?? []).filter(
    (r): r is ActionResult & { secretId: string } => r.secretId !== undefined,
  );
  if (withSecrets.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="handover-title">
      <Subtitle2 as="h3" id="handover-title">
        3. Hand over
      </Subtitle2>
      <Caption1>Shown once: after Reveal it stays here until the call closes, then it is gone.</Caption1>
      {withSecrets.map((r) => (
        <SecretRow key={r.secretId} result={r} view={view} />
      ))}
    </section>
  );
}
