// Which tenant Resetline works on: the cloud, and for Microsoft's clouds the tenant and the app
// registration. Checked here with the SAME zod schema main parses with, so the messages agree. Main
// decides who may change it (first-run set-up, then a policy administrator signed in to the tenant);
// the form says so up front and again when main refuses.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import {
  CLOUD_LABELS,
  CLOUDS,
  TenantSettingsInput,
  type Cloud,
  type TenantSettings,
} from '../../../../shared/settings';
import type { ResultError } from '../../../../shared/result';
import { POLICY_ADMIN_NAMES } from '../../../../shared/roles';
import { SaveFooter } from '../../components/SaveFooter';
import { useStore } from '../../store';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '36rem' },
});

interface Draft {
  cloud: Cloud;
  tenantId: string;
  clientId: string;
}
type FieldErrors = Partial<Record<'tenantId' | 'clientId' | 'cloud', string>>;

const toDraft = (t: TenantSettings): Draft =>
  t.cloud === 'demo'
    ? { cloud: 'demo', tenantId: '', clientId: '' }
    : { cloud: t.cloud, tenantId: t.tenantId, clientId: t.clientId };

function validate(draft: Draft): { ok: true; value: TenantSettings } | { ok: false; errors: FieldErrors } {
  const candidate = draft.cloud === 'demo' ? { cloud: 'demo' } : draft;
  const parsed = TenantSettingsInput.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === 'tenantId' || field === 'clientId' || field === 'cloud') && errors[field] === undefined) {
      errors[field] = issue.message;
    }
  }
  return { ok: false, errors };
}

export function TenantForm({ saved }: { saved: TenantSettings }) {
  const styles = useStyles();
  const save = useStore((s) => s.settings.save);
  const saveSettings = useStore((s) => s.saveSettings);
  const clearSaveState = useStore((s) => s.clearSaveState);
  const signedIn = useStore((s) => s.auth.status === 'ready' && s.auth.value.status !== 'signed-out');
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirm, setConfirm] = useState<TenantSettings | null>(null);

  const edit = (changes: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...changes }));
    clearSaveState();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validate(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    // Main signs the agent out when the tenant changes; saving the same tenant again changes nothing.
    if (JSON.stringify(result.value) !== JSON.stringify(saved) && signedIn) setConfirm(result.value);
    else void saveSettings(result.value);
  };

  const confirmSave = () => {
    if (confirm !== null) void saveSettings(confirm);
    setConfirm(null);
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-labelledby="tenant-settings-title">
      <Field label="Cloud" validationMessage={errors.cloud ?? null}>
        <RadioGroup value={draft.cloud} onChange={(_, data) => edit({ cloud: data.value as Cloud })}>
          {CLOUDS.map((cloud) => (
            <Radio key={cloud} value={cloud} label={CLOUD_LABELS[cloud]} />
          ))}
        </RadioGroup>
      </Field>
      {draft.cloud !== 'demo' && (
        <>
          <Field
            label="Tenant id"
            hint="The directory (tenant) id, or a verified domain such as contoso.onmicrosoft.com."
            validationMessage={errors.tenantId ?? null}
            required
          >
            <Input value={draft.tenantId} onChange={(_, data) => edit({ tenantId: data.value })} spellCheck={false} />
          </Field>
          <Field
            label="Client id"
            hint="The application (client) id of Resetline's app registration in that tenant."
            validationMessage={errors.clientId ?? null}
            required
          >
            <Input value={draft.clientId} onChange={(_, data) => edit({ clientId: data.value })} spellCheck={false} />
          </Field>
        </>
      )}
      <MessageBar intent="warning">
        <MessageBarBody>
          Changing the tenant or the app registration signs you out. Once anyone has signed in to the tenant in use,
          only a {POLICY_ADMIN_NAMES} signed in to it can change it.
        </MessageBarBody>
      </MessageBar>
      <SaveFooter state={save} label="Save" savedText="Settings saved." errorTitle={tenantSaveErrorTitle} />
      <Dialog open={confirm !== null} onOpenChange={(_, data) => !data.open && setConfirm(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Change the tenant and sign out?</DialogTitle>
            <DialogContent>
              Resetline will work on {confirm === null ? '' : describe(confirm)}. You will be signed out and must sign
              in to that tenant.
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={confirmSave}>
                Save and sign out
              </Button>
              <Button onClick={() => setConfirm(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </form>
  );
}

function tenantSaveErrorTitle(error: ResultError): string {
  return error.code === 'not_allowed'
    ? 'Only an administrator signed in to this tenant can change it'
    : 'Could not save the settings';
}

function describe(t: TenantSettings): string {
  return t.cloud === 'demo' ? 'the demo tenant' : `tenant ${t.tenantId} (${CLOUD_LABELS[t.cloud]})`;
}
