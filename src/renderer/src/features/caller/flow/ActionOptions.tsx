// The choices inside an action: a generated passphrase or one the agent types (checked live by main
// against Microsoft's rules, the caller's name and zxcvbn; each broken rule is shown under the field),
// and a Temporary Access Pass's lifetime, held to the tenant's TAP policy before the agent types.
import {
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  ProgressBar,
  Radio,
  RadioGroup,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { PASSWORD_LENGTH, type PasswordCheck } from '../../../../../shared/caller';
import type { TapPolicy } from '../../../../../shared/policy';
import { useStore } from '../../../store';

export type PasswordMode = 'generated' | 'typed';
const CHECK_DEBOUNCE_MS = 300;

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-end', flexWrap: 'wrap' },
  rules: { display: 'flex', flexDirection: 'column', margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** What the agent typed and whether main accepted it; `problems` are the broken rules' messages. */
export interface TypedPassword {
  value: string;
  acceptable: boolean;
  problems: string[];
}

interface PasswordProps {
  mode: PasswordMode;
  onMode: (mode: PasswordMode) => void;
  onTyped: (typed: TypedPassword) => void;
  disabled: boolean;
}

/** The limits, shown before they bite. */
const PASSWORD_HINT = `${PASSWORD_LENGTH.min}–${PASSWORD_LENGTH.max} characters, 3 of: lower case, upper case, digits, symbols; not the caller's name or user name.`;

export function PasswordChoice({ mode, onMode, onTyped, disabled }: PasswordProps) {
  const styles = useStyles();
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
          onTyped({ value, acceptable: result.acceptable, problems: result.failed.map((f) => f.message) });
        },
        () => current && onTyped({ value, acceptable: false, problems: [] }),
      );
    }, CHECK_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [mode, value, checkPassword, onTyped]);

  // A new keystroke makes the last check stale: not acceptable until main has checked this value.
  const edit = (next: string) => {
    setValue(next);
    setCheck(null);
    onTyped({ value: next, acceptable: false, problems: [] });
  };

  const feedback =
    check === null ? null : check.acceptable ? (
      `Strength ${check.score} of 4 — meets Microsoft's rules and Resetline's.`
    ) : (
      <ul className={styles.rules} aria-label="Why this password cannot be used">
        {check.failed.map((f) => (
          <li key={f.rule}>{f.message}</li>
        ))}
      </ul>
    );
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
            hint={PASSWORD_HINT}
            validationState={check === null ? 'none' : check.acceptable ? 'success' : 'error'}
            validationMessage={feedback}
          >
            {/* Longer than Microsoft's 256 so that a long paste is told "too long" rather than cut. */}
            <Input
              type="password"
              value={value}
              maxLength={PASSWORD_LENGTH.field}
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

export interface TapValue {
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

interface TapProps {
  value: TapValue;
  onChange: (value: TapValue) => void;
  /** Why Run cannot issue the pass as entered (a lifetime outside the limits), or null. */
  onProblem: (problem: string | null) => void;
  disabled: boolean;
}

/** Graph's own bounds for a pass's lifetime, used when the tenant's are not known. */
const GRAPH_LIMITS = { min: 10, max: 43200 };

type TapLimits =
  | { known: 'yes'; policy: TapPolicy }
  | { known: 'checking' }
  /** The agent's role cannot read the TAP policy (or it could not be read): Microsoft applies it. */
  | { known: 'no' };

function useTapLimits(): TapLimits {
  const policy = useStore((s) => s.settings.policy);
  const loadPolicy = useStore((s) => s.loadPolicy);
  useEffect(() => {
    if (policy.status === 'idle') void loadPolicy();
  }, [policy.status, loadPolicy]);
  if (policy.status === 'idle' || policy.status === 'loading') return { known: 'checking' };
  if (policy.status === 'error') return { known: 'no' };
  const tap = policy.value.snapshot.tap;
  if (tap.value) return { known: 'yes', policy: tap.value };
  return policy.value.refreshing && tap.fetchedAt === null && tap.error === null
    ? { known: 'checking' }
    : { known: 'no' };
}

const minutes = (n: number) => `${n.toLocaleString('en')} minutes`;

export function TapChoice({ value, onChange, onProblem, disabled }: TapProps) {
  const styles = useStyles();
  const limits = useTapLimits();
  const bounds =
    limits.known === 'yes'
      ? { min: limits.policy.minimumLifetimeInMinutes, max: limits.policy.maximumLifetimeInMinutes }
      : GRAPH_LIMITS;
  // What the agent typed; until then the field shows the lifetime that will be sent.
  const [typed, setTyped] = useState<string | null>(null);
  const edited = typed !== null;
  const text = typed ?? String(value.lifetimeInMinutes);
  const defaultLifetime = limits.known === 'yes' ? limits.policy.defaultLifetimeInMinutes : null;
  const forcedOnce = limits.known === 'yes' && limits.policy.isUsableOnce;

  // Until the agent types, the field follows the tenant's default lifetime.
  useEffect(() => {
    if (edited || defaultLifetime === null || defaultLifetime === value.lifetimeInMinutes) return;
    onChange({ ...value, lifetimeInMinutes: defaultLifetime });
  }, [edited, defaultLifetime, value, onChange]);

  const parsed = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  const problem =
    parsed === null || parsed < bounds.min || parsed > bounds.max
      ? limits.known === 'yes'
        ? `Enter whole minutes from ${bounds.min} to ${bounds.max}: the tenant's limits.`
        : `Enter whole minutes from ${bounds.min} to ${bounds.max.toLocaleString('en')}.`
      : null;
  useEffect(() => onProblem(problem), [problem, onProblem]);

  const hint =
    limits.known === 'yes'
      ? limits.policy.state === 'enabled'
        ? `The tenant allows ${minutes(bounds.min)} to ${minutes(bounds.max)} (default ${minutes(limits.policy.defaultLifetimeInMinutes)}).`
        : "Temporary Access Pass is turned off in the tenant's policy: Microsoft will refuse it."
      : limits.known === 'checking'
        ? "Checking the tenant's limits…"
        : `The tenant's limits are not known (your role cannot read the Temporary Access Pass policy): Microsoft applies them when the pass is issued.`;

  return (
    <div className={styles.row}>
      <Field
        label="Lifetime (minutes)"
        hint={hint}
        validationState={problem === null ? 'none' : 'error'}
        validationMessage={problem}
      >
        <Input
          type="number"
          min={bounds.min}
          max={bounds.max}
          value={text}
          disabled={disabled}
          onChange={(_, d) => {
            setTyped(d.value);
            const n = Number(d.value);
            if (/^\d+$/.test(d.value.trim()) && n >= bounds.min && n <= bounds.max)
              onChange({ ...value, lifetimeInMinutes: n });
          }}
        />
      </Field>
      <Checkbox
        label="Usable once"
        checked={forcedOnce || value.isUsableOnce}
        disabled={disabled || forcedOnce}
        onChange={(_, d) => onChange({ ...value, isUsableOnce: d.checked === true })}
      />
      {forcedOnce && <Caption1>The tenant makes every pass usable once.</Caption1>}
    </div>
  );
}
