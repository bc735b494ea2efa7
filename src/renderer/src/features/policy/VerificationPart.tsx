// Resetline's own verification policy (what agents must check before acting), read-only here: it
// is edited in Settings, beside the SMS provider it depends on.
import { Body1, Button, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';
import { verificationTypeLabel } from '../caller/flow/labels';
import { usePartStyles } from './PolicyPart';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function VerificationPart() {
  const styles = { ...usePartStyles(), ...useStyles() };
  const verification = useStore((s) => s.settings.verification);
  const load = useStore((s) => s.loadVerificationPolicy);
  const setScreen = useStore((s) => s.setScreen);
  useEffect(() => {
    void load();
  }, [load]);

  let body;
  if (verification.status === 'ready') {
    const p = verification.value;
    body = (
      <dl className={styles.facts}>
        <dt>Checks required</dt>
        <dd>{p.requiredChecks === 1 ? '1 check' : '2 checks'} for a user; always 2 for an admin</dd>
        <dt>Allowed checks</dt>
        <dd>{p.allowedTypes.map(verificationTypeLabel).join(', ')}</dd>
        {p.allowedTypes.includes('knowledge') && (
          <>
            <dt>Knowledge questions</dt>
            <dd>Count only alongside another check: never enough on their own</dd>
          </>
        )}
        <dt>Wrong answers before a lock</dt>
        <dd>{p.maxAttempts}</dd>
        <dt>Code length</dt>
        <dd>{p.codeLength} digits</dd>
        <dt>Email codes sent from</dt>
        <dd>{p.mailFrom ?? 'The signed-in agent’s mailbox'}</dd>
      </dl>
    );
  } else if (verification.status === 'error') {
    body = (
      <ErrorNotice
        title="Could not load the verification policy"
        error={verification.error}
        onRetry={() => void load()}
      />
    );
  } else body = <Spinner size="small" label="Loading the verification policy…" />;

  return (
    <section className={styles.part} aria-labelledby="policy-verification">
      <Subtitle2 as="h2" id="policy-verification">
        Resetline’s verification policy
      </Subtitle2>
      <Body1>
        What agents must check before they reset a password or issue a pass. Kept by Resetline, not by Entra.
      </Body1>
      {body}
      <div className={styles.actions}>
        <Button onClick={() => setScreen('settings')}>Edit in Settings</Button>
      </div>
    </section>
  );
}
