// Step 2: restore access. Only the actions the guard allows can be ticked: one line names those the
// agent's role rules out (why and who can are in the card's "Not available to you here" notice), the
// others say why under their box; nothing runs before verification is met. Destructive actions ask
// for confirmation; Ctrl+Enter runs.
import {
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CallView, GuardedAction, ResetActionRequest } from '../../../../../shared/caller';
import { assertNever } from '../../../../../shared/result';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { errorTitle } from '../../../components/errorTitles';
import { useStore } from '../../../store';
import { limitedByRole } from '../CardGuidance';
import { actionLabel } from './labels';
import { PasswordChoice, TapChoice, type PasswordMode, type TypedPassword } from './ActionOptions';
import { RunResults } from './RunResults';

export const RUN_SHORTCUT = { label: 'Ctrl+Enter', aria: 'Control+Enter' } as const;

type Action = Exclude<GuardedAction, 'readMethods'>;
const ACTIONS: readonly Action[] = [
  'resetPassword',
  'issueTap',
  'revokeSessions',
  'enableAccount',
  'requireMfaReregistration',
];
/** Not undoable, or ends the caller's other work: the agent confirms these first. */
const DESTRUCTIVE: readonly Action[] = ['revokeSessions', 'requireMfaReregistration'];

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  action: { display: 'flex', flexDirection: 'column', paddingLeft: tokens.spacingHorizontalS },
  nested: {
    paddingLeft: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  reason: { color: tokens.colorNeutralForeground3, paddingLeft: tokens.spacingHorizontalXXL },
  byRole: { color: tokens.colorNeutralForeground3 },
  blocked: { display: 'block', color: tokens.colorPaletteRedForeground1 },
});

export function ActSection({ view }: { view: CallView }) {
  const styles = useStyles();
  const runActions = useStore((s) => s.runActions);
  const busy = useStore((s) => s.call.busy === 'run');
  const error = useStore((s) => s.call.errors.run);
  // A run refused because its intent could not be recorded changed nothing: the agent may try again.
  const ran = useStore(
    (s) =>
      s.call.run !== null && !s.call.run.results.every((r) => r.audit === 'not-recorded' || r.status === 'not-run'),
  );
  const met = view.verification.met;
  const byRole = limitedByRole(view.card, view);
  const allowed = (a: Action) => view.eligibility[a].allowed;
  // The common call is a password reset: ticked by default when the guard allows it.
  const [chosen, setChosen] = useState<Set<Action>>(() => new Set(allowed('resetPassword') ? ['resetPassword'] : []));
  const [passwordMode, setPasswordMode] = useState<PasswordMode>('generated');
  const [typed, setTyped] = useState<TypedPassword>({ value: '', acceptable: false, problems: [] });
  const [tap, setTap] = useState({ lifetimeInMinutes: 60, isUsableOnce: true });
  const [tapProblem, setTapProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const requests = (): ResetActionRequest[] =>
    [...chosen].map((kind): ResetActionRequest => {
      switch (kind) {
        case 'resetPassword':
          return passwordMode === 'typed' ? { kind, password: typed.value } : { kind };
        case 'issueTap':
          return { kind, ...tap };
        case 'requireMfaReregistration':
          return { kind, confirm: true };
        case 'revokeSessions':
        case 'enableAccount':
          return { kind };
        default:
          return assertNever(kind, 'action');
      }
    });
  const ready =
    met &&
    !ran &&
    !busy &&
    chosen.size > 0 &&
    !(chosen.has('resetPassword') && passwordMode === 'typed' && !typed.acceptable) &&
    !(chosen.has('issueTap') && tapProblem !== null);
  // Why Run is off, beside it, when the reason is something the agent entered (the rules themselves
  // are listed under the field).
  const blocked: string[] = [];
  if (met && !ran && !busy && chosen.has('resetPassword') && passwordMode === 'typed' && !typed.acceptable) {
    const n = typed.problems.length;
    blocked.push(
      n === 0
        ? 'Run is off until the typed password is checked.'
        : `Run is off: the typed password breaks ${n === 1 ? 'a rule' : `${n} rules`} (listed under it).`,
    );
  }
  if (met && !ran && !busy && chosen.has('issueTap') && tapProblem !== null)
    blocked.push('Run is off: the pass lifetime is outside the limits (see the field).');
  const destructive = [...chosen].filter((a) => DESTRUCTIVE.includes(a));
  const run = () => {
    if (!ready) return;
    if (destructive.length > 0) setConfirming(true);
    else void runActions(requests());
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  const toggle = (a: Action, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(a);
      else next.delete(a);
      return next;
    });

  return (
    <section className={styles.section} aria-labelledby="act-title">
      <Subtitle2 as="h3" id="act-title">
        2. Restore access
      </Subtitle2>
      {!met && <Caption1>Available once the caller is verified.</Caption1>}
      {ACTIONS.map((a) => {
        const e = view.eligibility[a];
        return (
          <div key={a} className={styles.action}>
            <Checkbox
              label={actionLabel(a)}
              checked={chosen.has(a)}
              disabled={!e.allowed || !met || ran}
              onChange={(_, d) => toggle(a, d.checked === true)}
            />
            {!e.allowed && !byRole.includes(a) && (
              <Text className={styles.reason} data-testid={`not-allowed-${a}`}>
                {a === 'enableAccount' && view.card.user.accountEnabled !== false ? (
                  // Whoever could enable it, there is nothing to enable: no roles to read about.
                  'Not needed: the account is enabled.'
                ) : (
                  <>
                    {e.reason}
                    {e.whoCan.length > 0 ? ` Who can: ${e.whoCan.join(', ')}.` : ''}
                  </>
                )}
              </Text>
            )}
            {e.allowed && chosen.has(a) && a === 'resetPassword' && (
              <div className={styles.nested}>
                <PasswordChoice
                  mode={passwordMode}
                  onMode={setPasswordMode}
                  onTyped={setTyped}
                  disabled={!met || ran}
                />
              </div>
            )}
            {e.allowed && chosen.has(a) && a === 'issueTap' && (
              <div className={styles.nested}>
                <TapChoice value={tap} onChange={setTap} onProblem={setTapProblem} disabled={!met || ran} />
              </div>
            )}
          </div>
        );
      })}
      {byRole.length > 0 && (
        <Caption1 className={styles.byRole} data-testid="not-allowed-by-role">
          Not with your role: {byRole.map(actionLabel).join('; ')}. Why, and who can: “Not available to you here” on the
          card.
        </Caption1>
      )}
      <div>
        <Button appearance="primary" disabled={!ready} onClick={run} aria-keyshortcuts={RUN_SHORTCUT.aria}>
          Run ({RUN_SHORTCUT.label})
        </Button>
        {blocked.map((m) => (
          <Caption1 key={m} className={styles.blocked} data-testid="run-blocked">
            {m}
          </Caption1>
        ))}
      </div>
      {error !== undefined && <ErrorNotice title={errorTitle(error.code, 'run the actions')} error={error} />}
      <RunResults />
      <Dialog open={confirming} onOpenChange={(_, d) => setConfirming(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Confirm</DialogTitle>
            <DialogContent>
              This cannot be undone: {destructive.map(actionLabel).join('; ')}. Run it for {view.card.user.displayName}?
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  setConfirming(false);
                  void runActions(requests());
                }}
              >
                Run
              </Button>
              <Button onClick={() => setConfirming(false)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
