// The team trail: forwarding this PC's audit trail to the team's Log Analytics workspace (Azure Monitor
// Logs), so team leads see every desk and a copy of the record lives outside this PC. A policy
// administrator turns it on or off and names the destination (checked here with the same zod schema main
// parses `settings:set-forwarding` with), confirming what changes; everyone else sees it read-only.
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Spinner,
  Subtitle2,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import {
  ForwardingConfigInput,
  type ForwardingConfig,
  type ForwardingSetInputValue,
  type ForwardingSettingsView,
} from '../../../../shared/forwarding';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RelativeTime } from '../../components/RelativeTime';
import { SaveFooter } from '../../components/SaveFooter';
import { usePolicyAdmin } from '../../hooks/usePolicyAdmin';
import { useStore } from '../../store';
import { ForwardingStatusLine } from '../forwarding/ForwardingStatusLine';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '36rem' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  value: { margin: 0, overflowWrap: 'anywhere' },
  intro: { maxWidth: '48rem' },
});

type FieldName = keyof ForwardingConfig;

const FIELDS: { name: FieldName; label: string; hint: string; placeholder: string }[] = [
  {
    name: 'ingestionEndpoint',
    label: 'Data collection endpoint (or the rule’s logs ingestion URL)',
    hint: 'https:// and the host name only, from the endpoint’s Overview page in the Azure portal.',
    placeholder: 'https://my-dce-a1b2.eastus-1.ingest.monitor.azure.com',
  },
  {
    name: 'dcrImmutableId',
    label: 'Data collection rule immutable id',
    hint: '"dcr-" and 32 letters or digits, from the rule’s Overview page (JSON view).',
    placeholder: 'dcr-00000000000000000000000000000000',
  },
  {
    name: 'streamName',
    label: 'Stream name',
    hint: 'The input stream declared in the rule.',
    placeholder: 'Custom-ResetlineAudit',
  },
  {
    name: 'workspaceId',
    label: 'Log Analytics workspace id (optional)',
    hint: 'The workspace team leads’ Team History reads; from the workspace’s Overview page.',
    placeholder: '00000000-0000-0000-0000-000000000000',
  },
];

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** What is in use, read-only: the destination or "off", and who chose it. */
function InUse({ view }: { view: ForwardingSettingsView }) {
  const styles = useStyles();
  const { config } = view;
  return (
    <>
      <dl className={styles.facts} aria-label="Team trail in use">
        <dt>Forwarding</dt>
        <dd className={styles.value}>
          {config === null ? 'Off' : view.source === 'default' ? 'On (the demo tenant’s own workspace)' : 'On'}
        </dd>
        {config !== null && (
          <>
            <dt>Endpoint</dt>
            <dd className={styles.value}>{hostOf(config.ingestionEndpoint)}</dd>
            <dt>Rule</dt>
            <dd className={styles.value}>{config.dcrImmutableId}</dd>
            <dt>Stream</dt>
            <dd className={styles.value}>{config.streamName}</dd>
            <dt>Workspace</dt>
            <dd className={styles.value}>{config.workspaceId ?? 'not set (Team History needs it)'}</dd>
          </>
        )}
      </dl>
      {view.source === 'saved' && view.savedAt !== null && (
        <Caption1>
          Set by {view.savedBy ?? 'an administrator'} <RelativeTime iso={view.savedAt} exact />.
        </Caption1>
      )}
    </>
  );
}

/** The confirmation's words: what saving changes, for the admin to agree to. */
function describeChange(before: ForwardingConfig | null, after: ForwardingConfig | null): string {
  if (after === null)
    return 'Forwarding stops. Audit rows stay on this PC only, and team leads no longer see this desk’s new rows.';
  const where = `${hostOf(after.ingestionEndpoint)}, rule ${after.dcrImmutableId}, stream ${after.streamName}`;
  if (before === null)
    return `Every audit row of this PC, from the first, is sent to ${where} while an agent is signed in.`;
  return `Forwarding moves to ${where}. A new destination receives the whole trail from its first row.`;
}

type Values = Record<FieldName, string>;

function valuesOf(config: ForwardingConfig | null): Values {
  return {
    ingestionEndpoint: config?.ingestionEndpoint ?? '',
    dcrImmutableId: config?.dcrImmutableId ?? '',
    streamName: config?.streamName ?? '',
    workspaceId: config?.workspaceId ?? '',
  };
}

function ForwardingEditor({ saved }: { saved: ForwardingSettingsView }) {
  const styles = useStyles();
  const state = useStore((s) => s.settings.forwardingSave);
  const save = useStore((s) => s.saveForwarding);
  const [on, setOn] = useState(saved.config !== null);
  const [values, setValues] = useState<Values>(valuesOf(saved.config ?? saved.suggested));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [confirm, setConfirm] = useState<{ input: ForwardingSetInputValue; text: string } | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!on) {
      setErrors({});
      if (saved.config === null) void save({ off: true });
      else setConfirm({ input: { off: true }, text: describeChange(saved.config, null) });
      return;
    }
    const parsed = ForwardingConfigInput.safeParse({
      ingestionEndpoint: values.ingestionEndpoint,
      dcrImmutableId: values.dcrImmutableId,
      streamName: values.streamName,
      ...(values.workspaceId.trim() !== '' ? { workspaceId: values.workspaceId } : {}),
    });
    if (!parsed.success) {
      const found: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as FieldName] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    if (JSON.stringify(parsed.data) === JSON.stringify(saved.config)) void save(parsed.data);
    else setConfirm({ input: parsed.data, text: describeChange(saved.config, parsed.data) });
  };

  const confirmSave = () => {
    if (confirm !== null) void save(confirm.input);
    setConfirm(null);
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Team trail">
      <Switch
        checked={on}
        onChange={(_, d) => setOn(d.checked)}
        label={on ? 'Forward the audit trail to Azure Monitor' : 'Forwarding is off'}
      />
      {on &&
        FIELDS.map((f) => (
          <Field key={f.name} label={f.label} hint={f.hint} validationMessage={errors[f.name] ?? null}>
            <Input
              value={values[f.name]}
              placeholder={f.placeholder}
              spellCheck={false}
              onChange={(_, d) => setValues((v) => ({ ...v, [f.name]: d.value }))}
            />
          </Field>
        ))}
      <SaveFooter
        state={state}
        label="Save team trail"
        savedText="Team trail saved."
        errorTitle="Could not save the team trail"
      />
      <Dialog open={confirm !== null} onOpenChange={(_, data) => !data.open && setConfirm(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>
              {confirm !== null && 'off' in confirm.input ? 'Turn forwarding off?' : 'Change where the trail goes?'}
            </DialogTitle>
            <DialogContent>{confirm?.text}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={confirmSave}>
                {confirm !== null && 'off' in confirm.input ? 'Turn off' : 'Save'}
              </Button>
              <Button onClick={() => setConfirm(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </form>
  );
}

export function ForwardingSection() {
  const styles = useStyles();
  const view = useStore((s) => s.settings.forwarding);
  const load = useStore((s) => s.loadForwarding);
  const admin = usePolicyAdmin('the team trail');
  const signedIn = useStore((s) => s.auth.status === 'ready' && s.auth.value.status === 'signed-in');
  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);
  return (
    <section className={styles.section} aria-labelledby="forwarding-settings-title">
      <Subtitle2 as="h2" id="forwarding-settings-title">
        Team trail (Azure Monitor)
      </Subtitle2>
      <Body1 className={styles.intro}>
        Each audit row of this PC is also sent to the team’s Log Analytics workspace, so team leads see every desk’s
        calls and a copy of the record lives outside this PC. Rows written while nobody is signed in wait here and go at
        the next sign-in.
      </Body1>
      {!signedIn ? (
        <Body1>Sign in to see where this PC’s audit trail is forwarded.</Body1>
      ) : view.status === 'ready' ? (
        <>
          <ForwardingStatusLine />
          <InUse view={view.value} />
          {admin.allowed ? (
            <ForwardingEditor key={JSON.stringify([view.value.config, view.value.source])} saved={view.value} />
          ) : (
            <Body1>{admin.reason}</Body1>
          )}
        </>
      ) : view.status === 'error' ? (
        <ErrorNotice title="Could not load the team trail" error={view.error} onRetry={() => void load()} />
      ) : (
        <Spinner size="small" label="Loading the team trail…" />
      )}
    </section>
  );
}
