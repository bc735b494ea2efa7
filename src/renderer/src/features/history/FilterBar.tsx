// History's filter: every field maps onto one `audit:list` filter key; the filtering itself happens in main
// (This PC: SQLite; Team: the KQL main sends to the team's workspace).
import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { FilterRegular } from '@fluentui/react-icons';
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  AUDIT_ACTIONS,
  CALL_OUTCOMES,
  AUDIT_OUTCOMES,
  VERIFICATION_RESULTS,
  VERIFICATION_TYPES,
  type AuditAction,
  type CallOutcome,
  type AuditOutcome,
  type VerificationResult,
  type VerificationType,
} from '../../../../shared/audit';
import { useStore } from '../../store';
import type { HistoryFilter } from '../../store/historySlice';
import { ACTION_LABELS, CALL_OUTCOME_BADGES, OUTCOME_BADGES, VERIFICATION_LABELS } from './labels';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    // A select as wide as its longest option must not push past its cell into the next field.
    '& > .fui-Field': { minWidth: 0, gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  // Two cells wide, so "Apply filters" and "Clear" stay side by side.
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    gridColumn: 'span 2',
    '& button': { whiteSpace: 'nowrap' },
  },
});

interface Draft {
  from: string;
  to: string;
  agent: string;
  target: string;
  action: '' | AuditAction;
  outcome: '' | AuditOutcome;
  callOutcome: '' | CallOutcome;
  verificationType: '' | VerificationType;
  verificationResult: '' | VerificationResult;
  text: string;
}

const EMPTY: Draft = {
  from: '',
  to: '',
  agent: '',
  target: '',
  action: '',
  outcome: '',
  callOutcome: '',
  verificationType: '',
  verificationResult: '',
  text: '',
};

/** Dates are whole UTC days, as the table's rows are stored; `to` includes its whole day. */
export function toHistoryFilter(d: Draft): HistoryFilter {
  const filter: HistoryFilter = {};
  if (d.from !== '') filter.from = `${d.from}T00:00:00.000Z`;
  if (d.to !== '') filter.to = `${d.to}T23:59:59.999Z`;
  if (d.agent.trim() !== '') filter.agentUpn = d.agent.trim();
  if (d.target.trim() !== '') filter.target = d.target.trim();
  if (d.action !== '') filter.action = d.action;
  if (d.outcome !== '') filter.outcome = d.outcome;
  if (d.callOutcome !== '') filter.callOutcome = d.callOutcome;
  if (d.verificationType !== '') {
    filter.verificationType = d.verificationType;
    if (d.verificationResult !== '') filter.verificationResult = d.verificationResult;
  }
  if (d.text.trim() !== '') filter.text = d.text.trim();
  return filter;
}

/** The inverse, so coming back to History shows the filter the table still applies. */
function toDraft(f: HistoryFilter): Draft {
  return {
    from: f.from?.slice(0, 10) ?? '',
    to: f.to?.slice(0, 10) ?? '',
    agent: f.agentUpn ?? '',
    target: f.target ?? '',
    action: f.action ?? '',
    outcome: f.outcome ?? '',
    callOutcome: f.callOutcome ?? '',
    verificationType: f.verificationType ?? '',
    verificationResult: f.verificationResult ?? '',
    text: f.text ?? '',
  };
}

/** `extra`: fields of one mode that apply at once (Team History's "Desk"), placed before the buttons. */
export function FilterBar({ extra }: { extra?: ReactNode }) {
  const apply = useStore((s) => (s.teamHistory.mode === 'team' ? s.applyTeamFilter : s.applyHistoryFilter));
  const loading = useStore((s) =>
    s.teamHistory.mode === 'team' ? s.teamHistory.list.status === 'loading' : s.history.list.status === 'loading',
  );
  const [draft, setDraft] = useState<Draft>(() => toDraft(useStore.getState().history.filter));
  const styles = useStyles();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const rangeInvalid = draft.from !== '' && draft.to !== '' && draft.from > draft.to;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!rangeInvalid) void apply(toHistoryFilter(draft));
  };
  const onClear = () => {
    setDraft(EMPTY);
    void apply({});
  };

  return (
    <form className={styles.form} role="search" aria-label="Filter history" onSubmit={onSubmit}>
      <Field label="From (UTC)" validationMessage={rangeInvalid ? '"From" must not be after "To"' : null}>
        <Input type="date" value={draft.from} onChange={(_, data) => set('from', data.value)} />
      </Field>
      <Field label="To (UTC)">
        <Input type="date" value={draft.to} onChange={(_, data) => set('to', data.value)} />
      </Field>
      <Field label="Agent UPN">
        <Input value={draft.agent} onChange={(_, data) => set('agent', data.value)} />
      </Field>
      <Field label="Caller name or UPN">
        <Input value={draft.target} onChange={(_, data) => set('target', data.value)} />
      </Field>
      <Field label="Action">
        <Select value={draft.action} onChange={(_, data) => set('action', data.value as Draft['action'])}>
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Result">
        <Select value={draft.outcome} onChange={(_, data) => set('outcome', data.value as Draft['outcome'])}>
          <option value="">Any result</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_BADGES[o].label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Call outcome">
        <Select
          value={draft.callOutcome}
          onChange={(_, data) => set('callOutcome', data.value as Draft['callOutcome'])}
        >
          <option value="">Any call outcome</option>
          {CALL_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {CALL_OUTCOME_BADGES[o].label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Verification">
        <Select
          value={draft.verificationType}
          onChange={(_, data) => set('verificationType', data.value as Draft['verificationType'])}
        >
          <option value="">Any verification</option>
          {VERIFICATION_TYPES.map((t) => (
            <option key={t} value={t}>
              {VERIFICATION_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Verification result">
        <Select
          value={draft.verificationResult}
          disabled={draft.verificationType === ''}
          onChange={(_, data) => set('verificationResult', data.value as Draft['verificationResult'])}
        >
          <option value="">Passed or failed</option>
          {VERIFICATION_RESULTS.map((r) => (
            <option key={r} value={r}>
              {r === 'passed' ? 'Passed' : 'Failed'}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Ticket or notes">
        <Input value={draft.text} onChange={(_, data) => set('text', data.value)} />
      </Field>
      {extra}
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" icon={<FilterRegular />} disabledFocusable={loading || rangeInvalid}>
          Apply filters
        </Button>
        <Button type="button" onClick={onClear}>
          Clear
        </Button>
      </div>
    </form>
  );
}
