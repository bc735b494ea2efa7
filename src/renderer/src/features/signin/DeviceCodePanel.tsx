// The device-code step: the code large enough to read out or type on another device, a copy button,
// and the page where it is entered. Sign-in completes in the other browser; this window polls.
import { Body1, Button, Caption1, Link, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { PendingSignInView } from '../../../../shared/auth';
import { formatDateTime } from '../../format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  codeRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalL },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeHero800,
    lineHeight: tokens.lineHeightHero800,
    fontWeight: tokens.fontWeightSemibold,
    letterSpacing: '0.1em',
    userSelect: 'all',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

type DeviceCode = Extract<PendingSignInView, { kind: 'device-code' }>;

export function DeviceCodePanel({
  pending,
  cancelling,
  onCancel,
}: {
  pending: DeviceCode;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(pending.userCode).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <section className={styles.root} aria-labelledby="device-code-title">
      <Body1 id="device-code-title">
        Open{' '}
        <Link href={pending.verificationUri} target="_blank" rel="noopener noreferrer">
          {pending.verificationUri}
        </Link>{' '}
        on any device and enter this code:
      </Body1>
      <div className={styles.codeRow}>
        <output className={styles.code} aria-label="Device code">
          {pending.userCode}
        </output>
        <Button icon={copied === 'copied' ? <CheckmarkRegular /> : <CopyRegular />} onClick={copy}>
          {copied === 'copied' ? 'Copied' : 'Copy code'}
        </Button>
      </div>
      {copied === 'failed' && <Caption1 role="status">Could not copy; select the code and copy it by hand.</Caption1>}
      <Caption1>The code expires at {formatDateTime(pending.expiresAt)}.</Caption1>
      <div className={styles.actions}>
        <Spinner
          size="tiny"
          labelPosition="after"
          label={cancelling ? 'Cancelling…' : 'Waiting for you to finish signing in…'}
        />
        <Button onClick={onCancel} disabled={cancelling}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
