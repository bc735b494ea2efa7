// Step 4: close the call with an outcome (following what happened until the agent picks one), a
// ticket reference and notes. Closing records the audit event in main and drops every secret on both
// sides; a toast confirms it and the search is emptied and focused for the next caller (callerSlice).
import { Button, Field, Input, makeStyles, Select, Subtitle2, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  CALL_OUTCOMES,
  TICKET_REQUIRED_MESSAGE,
  type CallOutcome,
  type CallView,
  type RunSummary,
} from '../../../../../shared/caller';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { errorTitle } from '../../../components/errorTitles';
import { useStore } from '../../../store';
import { outcomeLabel } from './labels';

/**
 * The outcome that follows from what happened in the call: an action done (or accepted by Microsoft
 * and still being confirmed) resolved it; one tried and failed is escalated; failed checks with the
 * caller not verified mean not verified; anything else was abandoned.
 */
export function defaultOutcome(view: CallView, run: RunSummary | null): CallOutcome {
  const results = run?.results ?? [];
  if (results.some((r) => r.status === 'done' || r.status === 'pending')) return 'resolved';
  if (results.some((r) => r.status === 'failed')) return 'escalated';
  if (!view.verification.met && view.verification.failed.length > 0) return 'not-verified';
  return 'abandoned';
}

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

export function CloseSection({ view }: { view: CallView }) {
  const styles = useStyles();
  const closeCall = useStore((s) => s.closeCall);
  const busy = useStore((s) => s.call.busy === 'close');
  const error = useStore((s) => s.call.errors.close);
  const run = useStore((s) => s.call.run);
  const [picked, setPicked] = useState<CallOutcome | null>(null);
  const [ticketRef, setTicketRef] = useState('');
  const [notes, setNotes] = useState('');
  // Until the agent picks one, the outcome follows what happened in the call.
  const outcome = picked ?? defaultOutcome(view, run);
  // Main refuses it too; saying so here means the agent never meets the refusal.
  const ticketMissing = view.ticketRequired && outcome !== 'abandoned' && ticketRef.trim() === '';
  const submit = () =>
    void closeCall({
      outcome,
      ...(ticketRef.trim() === '' ? {} : { ticketRef: ticketRef.trim() }),
      ...(notes.trim() === '' ? {} : { notes: notes.trim() }),
    });
  return (
    <section className={styles.section} aria-labelledby="close-title">
      <Subtitle2 as="h3" id="close-title">
        4. Close the call
      </Subtitle2>
      <div className={styles.row}>
        <Field label="Outcome">
          <Select value={outcome} onChange={(_, d) => setPicked(d.value as CallOutcome)}>
            {CALL_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {outcomeLabel(o)}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Ticket reference"
          required={view.ticketRequired && outcome !== 'abandoned'}
          validationState={ticketMissing ? 'warning' : 'none'}
          validationMessage={ticketMissing ? TICKET_REQUIRED_MESSAGE : null}
        >
          <Input value={ticketRef} onChange={(_, d) => setTicketRef(d.value)} maxLength={100} />
        </Field>
      </div>
      <Field label="Notes">
        <Textarea value={notes} onChange={(_, d) => setNotes(d.value)} maxLength={2000} />
      </Field>
      <div>
        <Button appearance="primary" disabled={busy || ticketMissing} onClick={submit}>
          Close call
        </Button>
      </div>
      {error !== undefined && <ErrorNotice title={errorTitle(error.code, 'close the call')} error={error} />}
    </section>
  );
}
