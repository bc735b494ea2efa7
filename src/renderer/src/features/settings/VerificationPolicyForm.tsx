// Resetline's verification policy: how many checks a caller must pass, which kinds are offered, how
// many wrong answers lock a challenge, code length and the mailbox email codes come from. Checked here
// with the same zod schema main parses `settings:set-verification-policy` with, so the messages agree.
import {
  Body1,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { VERIFICATION_TYPES, type VerificationType } from '../../../../shared/audit';
import { VerificationPolicyInput, type VerificationPolicy } from '../../../../shared/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SaveFooter } from '../../components/SaveFooter';
import { usePolicyAdmin } from '../../hooks/usePolicyAdmin';
import { useStore } from '../../store';
import { verificationTypeLabel } from '../caller/flow/labels';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '36rem' },
  types: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXXS, fontWeight: tokens.fontWeightRegular },
  error: { color: tokens.colorPaletteRedForeground1 },
});

type Field = 'allowedTypes' | 'maxAttempts' | 'codeLength' | 'mailFrom';

function PolicyForm({ saved }: { saved: VerificationPolicy }) {
  const styles = useStyles();
  const state = useStore((s) => s.settings.verificationSave);
  const save = useStore((s) => s.saveVerificationPolicy);
  const [required, setRequired] = useState(String(saved.requiredChecks));
  const [types, setTypes] = useState<VerificationType[]>(saved.allowedTypes);
  const [attempts, setAttempts] = useState(String(saved.maxAttempts));
  const [digits, setDigits] = useState(String(saved.codeLength));
  const [mailFrom, setMailFrom] = useState(saved.mailFrom ?? '');
  const [ticketRequired, setTicketRequired] = useState(saved.ticketRequired);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const toggle = (type: VerificationType, on: boolean) =>
    setTypes((t) => (on ? VERIFICATION_TYPES.filter((x) => x === type || t.includes(x)) : t.filter((x) => x !== type)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = VerificationPolicyInput.safeParse({
      requiredChecks: Number(required),
      allowedTypes: types,
      maxAttempts: Number(attempts),
      codeLength: Number(digits),
      mailFrom: mailFrom.trim() === '' ? null : mailFrom.trim(),
      ticketRequired,
    });
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const f = issue.path[0] as Field;
        found[f] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    void save(parsed.data);
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Verification policy">
      <Field label="Checks a caller must pass (admins always need 2)">
        <RadioGroup value={required} onChange={(_, d) => setRequired(d.value)} layout="horizontal">
          <Radio value="1" label="1 check" />
          <Radio value="2" label="2 checks" />
        </RadioGroup>
      </Field>
      {/* A fieldset, not a Field: Field labels one control, and these are four. */}
      <fieldset
        className={styles.fieldset}
        aria-describedby={errors.allowedTypes ? 'verification-types-error' : undefined}
      >
        <legend className={styles.legend}>Checks agents may use</legend>
        <div className={styles.types}>
          {VERIFICATION_TYPES.map((t) => (
            <Checkbox
              key={t}
              label={verificationTypeLabel(t)}
              checked={types.includes(t)}
              onChange={(_, d) => toggle(t, d.checked === true)}
            />
          ))}
        </div>
        {errors.allowedTypes !== undefined && (
          <Caption1 id="verification-types-error" className={styles.error}>
            {errors.allowedTypes}
          </Caption1>
        )}
      </fieldset>
      <Field label="Wrong answers before a challenge locks (1–10)" validationMessage={errors.maxAttempts ?? null}>
        <Input type="number" min={1} max={10} value={attempts} onChange={(_, d) => setAttempts(d.value)} />
      </Field>
      <Field label="Code length in digits (6–8)" validationMessage={errors.codeLength ?? null}>
        <Input type="number" min={6} max={8} value={digits} onChange={(_, d) => setDigits(d.value)} />
      </Field>
      <Field
        label="Send email codes from (shared mailbox)"
        hint="Leave empty to send from the signed-in agent’s own mailbox. The agent needs Send As on a shared one."
        validationMessage={errors.mailFrom ?? null}
      >
        <Input type="email" value={mailFrom} onChange={(_, d) => setMailFrom(d.value)} />
      </Field>
      <Checkbox
        label="Closing a call needs a ticket reference (except a call ended as abandoned)"
        checked={ticketRequired}
        onChange={(_, d) => setTicketRequired(d.checked === true)}
      />
      <SaveFooter
        state={state}
        label="Save verification policy"
        savedText="Verification policy saved."
        errorTitle="Could not save the verification policy"
      />
    </form>
  );
}

export function VerificationPolicySection() {
  const styles = useStyles();
  const verification = useStore((s) => s.settings.verification);
  const load = useStore((s) => s.loadVerificationPolicy);
  const admin = usePolicyAdmin('the verification policy');
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className={styles.section} aria-labelledby="verification-settings-title">
      <Subtitle2 as="h2" id="verification-settings-title">
        Verification policy
      </Subtitle2>
      <Body1>What agents must check before they reset a password or issue a pass. Policy (Ctrl+5) shows it too.</Body1>
      {!admin.allowed ? (
        <Body1>{admin.reason} Policy (Ctrl+5) shows what is in force.</Body1>
      ) : verification.status === 'ready' ? (
        <PolicyForm key={JSON.stringify(verification.value)} saved={verification.value} />
      ) : verification.status === 'error' ? (
        <ErrorNotice
          title="Could not load the verification policy"
          error={verification.error}
          onRetry={() => void load()}
        />
      ) : (
        <Spinner size="small" label="Loading the verification policy…" />
      )}
    </section>
  );
}
