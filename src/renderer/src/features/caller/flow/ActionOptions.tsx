// The choices inside an action: a generated passphrase or one the agent types (scored live by main's
// zxcvbn check), and a Temporary Access Pass's lifetime and one-time use.
import { Checkbox, Field, Input, makeStyles, ProgressBar, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PasswordCheck } from '../../../../../shared/caller';
import { useStore } from '../../../store';

export type PasswordMode = 'generated' | 'typed';
const CHECK_DEBOUNCE_MS = 300;

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-end', flexWrap: 'wrap' },
});

interface PasswordProps {
  mode: PasswordMode;
  onMode: (mode: PasswordMode) => void;
  onTyped: (typed: { value: string; acceptable: boolean }) => void;
  disabled: boolean;
}

export function PasswordChoice({ mode, onMode, onTyped, disabled }: PasswordProps) {
  const checkPassword = useStore((s) => s.checkPassword);
  const [value, setValue] = useState('');
  const [check, setCheck] = useState<PasswordCheck | null>(null);

  useEffect(() => {
    if (mode !== 'typed' || value === '') return;
    let current = true;
    const timer = setTimeout(() => {
      checkPassword(value).then(
        (result) => {
          if (!current) return;
          setCheck(result);
          onTyped({ value, acceptable: result.acceptable });
        },
        () => current && onTyped({ value, acceptable: false }),
      );
    }, CHECK_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [mode, value, checkPassword, onTyped]);

  // A new keystroke makes the last score stale: not acceptable until main has scored this value.
  const edit = (next: string) => {
    setValue(next);
    setCheck(null);
    onTyped({ value: next, acceptable: false });
  };

  const feedback =
    check === null
      ? undefined
      : [
          `Strength ${check.score} of 4 — ${check.acceptable ? 'acceptable' : 'too weak'}.`,
          check.warning ?? '',
          ...check.suggestions,
        ]
          .filter(Boolean)
          .join(' ');
  return (
    <>
      <RadioGroup
        aria-label="New password"
        value={mode}
        disabled={disabled}
        onChange={(_, d) => onMode(d.value as PasswordMode)}
        layout="horizontal"
      >
        <Radio value="generated" label="Generate a passphrase (easy to read out)" />
        <Radio value="typed" label="Type one" />
      </RadioGroup>
      {mode === 'typed' && (
        <>
          <Field
            label="Password to set"
            validationState={check === null ? 'none' : check.acceptable ? 'success' : 'error'}
            validationMessage={feedback}
          >
            <Input
              type="password"
              value={value}
              onChange={(_, d) => edit(d.value)}
              autoComplete="off"
              disabled={disabled}
            />
          </Field>
          {/* Outside the Field, which would name it "Password to set" too. */}
          {check !== null && <ProgressBar value={check.score / 4} max={1} aria-label="Password strength" />}
        </>
      )}
    </>
  );
}

interface TapProps {
  value: { lifetimeInMinutes: number; isUsableOnce: boolean };
  onChange: (value: { lifetimeInMinutes: number; isUsableOnce: boolean }) => void;
  disabled: boolean;
}

export function TapChoice({ value, onChange, disabled }: TapProps) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field
        label="Lifetime (minutes)"
        hint="Within the tenant's Temporary Access Pass policy; main refuses anything outside it."
      >
        <Input
          type="number"
          min={10}
          max={43200}
          value={String(value.lifetimeInMinutes)}
          disabled={disabled}
          onChange={(_, d) =>
            onChange({ ...value, lifetimeInMinutes: Math.max(10, Math.min(43200, Number(d.value) || 10)) })
          }
        />
      </Field>
      <Checkbox
        label="Usable once"
        checked={value.isUsableOnce}
        disabled={disabled}
        onChange={(_, d) => onChange({ ...value, isUsableOnce: d.checked === true })}
      />
    </div>
  );
}
