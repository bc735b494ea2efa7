// The tenant's self-service password reset policy, which Microsoft Graph cannot read: the screen says
// so, and an admin records what the Entra admin centre shows, so agents know what a caller deflected
// to self-service will face.
import {
  Body1,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { SsprRecordInput, type SsprRecord, type SsprScope } from '../../../../shared/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RelativeTime } from '../../components/RelativeTime';
import { SaveFooter } from '../../components/SaveFooter';
import { usePolicyAdmin } from '../../hooks/usePolicyAdmin';
import { useStore } from '../../store';
import { usePartStyles } from './PolicyPart';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const SCOPE_LABELS: Record<SsprScope, string> = { all: 'All users', selected: 'A selected group', none: 'No one' };

function SsprForm({ saved }: { saved: SsprRecord | null }) {
  const styles = useStyles();
  const save = useStore((s) => s.saveSspr);
  const state = useStore((s) => s.settings.ssprSave);
  const [methods, setMethods] = useState<'1' | '2'>(saved ? (String(saved.methodsRequired) as '1' | '2') : '1');
  const [scope, setScope] = useState<SsprScope>(saved?.enabledFor ?? 'all');
  const [group, setGroup] = useState(saved?.selectedGroup ?? '');
  const [groupError, setGroupError] = useState<string | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // The contract's own schema: the same words main would answer with, before anything is sent.
    const parsed = SsprRecordInput.safeParse({
      methodsRequired: Number(methods),
      enabledFor: scope,
      selectedGroup: group,
    });
    if (!parsed.success) {
      setGroupError(parsed.error.issues.find((i) => i.path[0] === 'selectedGroup')?.message ?? parsed.error.message);
      return;
    }
    setGroupError(null);
    void save(parsed.data);
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Record the SSPR policy" noValidate>
      <Field label="Number of methods required to reset">
        <RadioGroup value={methods} onChange={(_, d) => setMethods(d.value as '1' | '2')} layout="horizontal">
          <Radio value="1" label="1 method" />
          <Radio value="2" label="2 methods" />
        </RadioGroup>
      </Field>
      <Field label="Self-service password reset enabled for">
        <RadioGroup value={scope} onChange={(_, d) => setScope(d.value as SsprScope)} layout="horizontal">
          {(Object.keys(SCOPE_LABELS) as SsprScope[]).map((s) => (
            <Radio key={s} value={s} label={SCOPE_LABELS[s]} />
          ))}
        </RadioGroup>
      </Field>
      {scope === 'selected' && (
        <Field label="Group" required validationMessage={groupError}>
          <Input value={group} onChange={(_, d) => setGroup(d.value)} maxLength={256} />
        </Field>
      )}
      <SaveFooter state={state} label="Record" savedText="Recorded." errorTitle="Could not record the SSPR policy" />
    </form>
  );
}

export function SsprRecordPart() {
  const styles = usePartStyles();
  const sspr = useStore((s) => s.settings.sspr);
  const load = useStore((s) => s.loadSspr);
  const admin = usePolicyAdmin('the recorded SSPR policy');
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className={styles.part} aria-labelledby="policy-sspr">
      <Subtitle2 as="h2" id="policy-sspr">
        Self-service password reset
      </Subtitle2>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          Microsoft Graph has no way to read the self-service password reset policy, so Resetline cannot fetch it.
          Record here what the Microsoft Entra admin centre shows under Password reset.
        </MessageBarBody>
      </MessageBar>
      {sspr.status === 'ready' ? (
        <>
          {sspr.value === null ? (
            <Body1>Not recorded yet.</Body1>
          ) : (
            <>
              <dl className={styles.facts}>
                <dt>Methods required</dt>
                <dd>
                  {sspr.value.methodsRequired} {sspr.value.methodsRequired === 1 ? 'method' : 'methods'} required
                </dd>
                <dt>Enabled for</dt>
                <dd>
                  {sspr.value.enabledFor === 'selected'
                    ? `The group ${sspr.value.selectedGroup}`
                    : SCOPE_LABELS[sspr.value.enabledFor]}
                </dd>
              </dl>
              <Caption1 className={styles.age}>
                recorded <RelativeTime iso={sspr.value.recordedAt} exact />
                {sspr.value.recordedBy !== null && ` by ${sspr.value.recordedBy}`}
              </Caption1>
            </>
          )}
          {/* Keyed by the saved value so the form starts from what main stored. */}
          {admin.allowed ? (
            <SsprForm key={sspr.value?.recordedAt ?? 'none'} saved={sspr.value} />
          ) : (
            <Body1>{admin.reason}</Body1>
          )}
        </>
      ) : sspr.status === 'error' ? (
        <ErrorNotice title="Could not load the recorded SSPR policy" error={sspr.error} onRetry={() => void load()} />
      ) : (
        <Spinner size="small" label="Loading the recorded SSPR policy…" />
      )}
    </section>
  );
}
