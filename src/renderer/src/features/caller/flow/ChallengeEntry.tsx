// What the agent types back once a challenge is under way: the code the caller reads out (digits
// only, Enter submits) with attempts and a live expiry countdown, or the next knowledge question.
import { Button, Caption1, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ChallengeView } from '../../../../../shared/caller';
import { useStore } from '../../../store';
import { KNOWLEDGE } from '../../../store/callSlice';
import { formatRemaining } from './labels';
import { useNow } from './useNow';

const useStyles = makeStyles({
  form: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  field: { flexGrow: 1, minWidth: '12rem' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function CodeEntry({ optionId, challenge }: { optionId: string; challenge: ChallengeView }) {
  const styles = useStyles();
  const checkCode = useStore((s) => s.checkCode);
  const busy = useStore((s) => s.call.busy === optionId);
  const [code, setCode] = useState('');
  const now = useNow(challenge.expiresAt !== null);
  const left = challenge.expiresAt === null ? null : Date.parse(challenge.expiresAt) - now;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (code.length < 6 || busy) return;
    if (await checkCode(optionId, code)) setCode('');
  };
  return (
    <form
      className={styles.form}
      onSubmit={(e) => void submit(e)}
      aria-label={`Code sent to ${challenge.destination ?? ''}`}
    >
      <Field
        className={styles.field}
        label={`Code the caller reads out (sent to ${challenge.destination ?? 'the caller'})`}
        hint={`${challenge.attemptsLeft} ${challenge.attemptsLeft === 1 ? 'attempt' : 'attempts'} left`}
      >
        <Input
          // The agent just clicked "Send code"; the next thing they do is type what the caller reads out.
          autoFocus
          value={code}
          onChange={(_, d) => setCode(d.value.replace(/\D/g, '').slice(0, 8))}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
        />
      </Field>
      <Button type="submit" appearance="primary" disabled={code.length < 6 || busy}>
        Check code
      </Button>
      {left !== null && (
        <Text role="timer" aria-live="off" className={styles.muted}>
          {left > 0 ? `Expires in ${formatRemaining(left)}` : 'Expired'}
        </Text>
      )}
    </form>
  );
}

export function KnowledgeEntry({ challenge }: { challenge: ChallengeView }) {
  const styles = useStyles();
  const answerQuestion = useStore((s) => s.answerQuestion);
  const busy = useStore((s) => s.call.busy === KNOWLEDGE);
  const [answer, setAnswer] = useState('');
  if (challenge.question === null) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (await answerQuestion(answer)) setAnswer('');
  };
  const progress = challenge.progress;
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label="Knowledge question">
      <Field className={styles.field} label={challenge.question.text}>
        <Input
          // The agent just asked for a question; the next thing they do is type the caller's answer.
          autoFocus
          value={answer}
          onChange={(_, d) => setAnswer(d.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <Button type="submit" appearance="primary" disabled={busy}>
        Next
      </Button>
      {progress !== null && (
        <Caption1 className={styles.muted}>
          {progress.correct} of {progress.needed} correct answers needed · {challenge.attemptsLeft} questions left
        </Caption1>
      )}
    </form>
  );
}
