// The SMS provider for a real tenant: an Azure Communication Services resource and its sender number.
// The connection string (it holds the access key) goes to main and never comes back: the form shows
// only the endpoint host and where main keeps the key. The demo tenant brings its own provider.
import {
  Body1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { SmsSettingsInput, type SmsSettingsView } from '../../../../shared/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SaveFooter } from '../../components/SaveFooter';
import { usePolicyAdmin } from '../../hooks/usePolicyAdmin';
import { useStore } from '../../store';
import type { SaveState } from '../../store/settingsSlice';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '36rem' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, margin: 0 },
});

const STORAGE_TEXT: Record<'keychain' | 'memory', string> = {
  keychain: 'The access key is sealed with this computer’s keychain.',
  memory: 'The access key is kept in memory only (no keychain here): enter it again after Resetline restarts.',
};

function Current({ view }: { view: SmsSettingsView }) {
  const styles = useStyles();
  if (view.mode === 'none')
    return (
      <Body1>
        {view.keyMissing
          ? `The sender ${view.fromNumber ?? ''} is set, but its access key is gone (Resetline restarted). Paste the connection string again.`
          : 'No SMS provider: agents cannot send codes by text message until one is set.'}
      </Body1>
    );
  return (
    <>
      <dl className={styles.facts} aria-label="SMS provider in use">
        <dt>Endpoint</dt>
        <dd>{view.endpointHost ?? '—'}</dd>
        <dt>Sender</dt>
        <dd>{view.fromNumber ?? '—'}</dd>
      </dl>
      {view.keyStorage !== null && <Body1>{STORAGE_TEXT[view.keyStorage]}</Body1>}
    </>
  );
}

/** Main names the field it refused ("connectionString: the endpoint must be…"): shown under that field. */
const CONNECTION_FIELD = 'connectionString: ';

function refusedConnection(state: SaveState): string | undefined {
  if (state.status !== 'error' || state.error.code !== 'invalid_input') return undefined;
  const { message } = state.error;
  if (!message.startsWith(CONNECTION_FIELD)) return undefined;
  const text = message.slice(CONNECTION_FIELD.length);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function SmsForm({ saved }: { saved: SmsSettingsView }) {
  const styles = useStyles();
  const state = useStore((s) => s.settings.smsSave);
  const save = useStore((s) => s.saveSms);
  const [connection, setConnection] = useState('');
  const [from, setFrom] = useState(saved.fromNumber ?? '');
  const [errors, setErrors] = useState<{ connectionString?: string; fromNumber?: string }>({});
  const hasKey = saved.mode === 'acs';
  const refused = refusedConnection(state);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = SmsSettingsInput.safeParse({
      ...(connection.trim() !== '' ? { connectionString: connection } : {}),
      fromNumber: from,
    });
    const found: typeof errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = issue.path[0] as keyof typeof errors;
        found[f] ??= issue.message;
      }
    } else if (!hasKey && parsed.data.connectionString === undefined) {
      found.connectionString = 'Paste the connection string from the Azure portal (endpoint=…;accesskey=…).';
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    // The field empties once sent: the key is main's from here on.
    void save(parsed.data).then((ok) => ok && setConnection(''));
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="SMS provider">
      <Field
        label="Azure Communication Services connection string"
        hint={hasKey ? 'Leave empty to keep the key in use.' : 'From the resource’s Keys page in the Azure portal.'}
        validationMessage={errors.connectionString ?? refused ?? null}
      >
        <Input type="password" autoComplete="off" value={connection} onChange={(_, d) => setConnection(d.value)} />
      </Field>
      <Field label="Sender number (E.164)" validationMessage={errors.fromNumber ?? null}>
        <Input type="tel" value={from} placeholder="+18005550100" onChange={(_, d) => setFrom(d.value)} />
      </Field>
      <SaveFooter
        state={state}
        label="Save SMS provider"
        savedText="SMS provider saved."
        errorTitle="Could not save the SMS provider"
        showError={refused === undefined}
      />
    </form>
  );
}

export function SmsProviderSection() {
  const styles = useStyles();
  const sms = useStore((s) => s.settings.sms);
  const load = useStore((s) => s.loadSms);
  const admin = usePolicyAdmin('the SMS provider');
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className={styles.section} aria-labelledby="sms-settings-title">
      <Subtitle2 as="h2" id="sms-settings-title">
        Text messages (SMS codes)
      </Subtitle2>
      {sms.status === 'ready' ? (
        sms.value.mode === 'demo' ? (
          <MessageBar intent="info">
            <MessageBarBody>
              The demo tenant sends text messages to its own outbox ({sms.value.endpointHost ?? 'local'}); nothing to
              set up.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <Current view={sms.value} />
            {admin.allowed ? (
              <SmsForm key={JSON.stringify(sms.value)} saved={sms.value} />
            ) : (
              <Body1>{admin.reason}</Body1>
            )}
          </>
        )
      ) : sms.status === 'error' ? (
        <ErrorNotice title="Could not load the SMS provider" error={sms.error} onRetry={() => void load()} />
      ) : (
        <Spinner size="small" label="Loading the SMS provider…" />
      )}
    </section>
  );
}
