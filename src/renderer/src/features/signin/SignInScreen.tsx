// Shown instead of the Caller, History and Registration screens while no agent is signed in: which
// tenant this is, browser sign-in (primary) or a device code, and where to finish while it runs.
import {
  Body1,
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { OpenRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import type { AuthState } from '../../../../shared/auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SCREEN_TITLE_ID, ScreenTitle } from '../../components/ScreenTitle';
import { useStore } from '../../store';
import type { SignInRun } from '../../store/authSlice';
import { DeviceCodePanel } from './DeviceCodePanel';
import { describeTenant } from './tenantLabel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '40rem' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  waiting: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  hint: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  openLink: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

function TenantLine({ state }: { state: AuthState | null }) {
  const settings = useStore((s) => s.settings.tenant);
  const label = describeTenant(state?.tenant ?? null, settings.status === 'ready' ? settings.value : null);
  return <Body1>{label === null ? 'Reading the tenant settings…' : `Signing in to: ${label}`}</Body1>;
}

function Waiting({ state, run }: { state: AuthState; run: SignInRun | null }) {
  const styles = useStyles();
  const cancelSignIn = useStore((s) => s.cancelSignIn);
  const pending = state.status === 'pending' ? state.pending : null;
  if (pending?.kind === 'device-code') {
    return (
      <DeviceCodePanel pending={pending} cancelling={run?.cancelling ?? false} onCancel={() => void cancelSignIn()} />
    );
  }
  if (pending?.kind === 'browser') {
    // The browser host cannot open a window for main, and a popup not started by a click is blocked,
    // so the agent opens the page with this link (Electron has already opened the system browser).
    return (
      <div className={styles.waiting}>
        <Body1>Finish signing in on the Microsoft sign-in page, then come back here.</Body1>
        <Link href={pending.authorizeUrl} target="_blank" rel="noopener noreferrer" className={styles.openLink}>
          Open the Microsoft sign-in page
          <OpenRegular aria-hidden="true" />
        </Link>
        <Spinner
          size="tiny"
          labelPosition="after"
          label={run?.cancelling ? 'Cancelling…' : 'Waiting for you to finish signing in…'}
        />
        <Button onClick={() => void cancelSignIn()} disabled={run?.cancelling ?? false}>
          Cancel
        </Button>
      </div>
    );
  }
  return <Spinner size="tiny" labelPosition="after" label="Starting sign-in…" />;
}

export function SignInScreen() {
  const styles = useStyles();
  const auth = useStore((s) => s.auth);
  const run = useStore((s) => s.signInRun);
  const signIn = useStore((s) => s.signIn);
  const loadSettings = useStore((s) => s.loadSettings);
  const loadSession = useStore((s) => s.loadSession);
  const setScreen = useStore((s) => s.setScreen);
  const state = auth.status === 'ready' ? auth.value : null;

  // Before the first sign-in main has not connected, so only the saved settings name the tenant.
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  // Signed out from the agent menu (or by an expired session), the control that had focus is gone:
  // start keyboard and screen-reader users at this screen's heading rather than the page's top.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (document.activeElement === document.body || document.activeElement === null) {
        document.getElementById(SCREEN_TITLE_ID)?.closest<HTMLElement>('main')?.focus();
      }
    });
    return () => clearTimeout(timer);
  }, []);

  const busy = run !== null || state?.status === 'pending';
  const lastError = state?.status === 'signed-out' ? state.lastError : null;
  const demoSetting = useStore((s) => s.settings.tenant.status === 'ready' && s.settings.tenant.value.cloud === 'demo');
  const demo = state?.tenant ? state.tenant.mode === 'demo' : demoSetting;

  return (
    <section className={styles.root} aria-labelledby="screen-title">
      <ScreenTitle>Sign in to Resetline</ScreenTitle>
      <TenantLine state={state} />
      {auth.status === 'error' && (
        <ErrorNotice title="Could not read the sign-in state" error={auth.error} onRetry={() => void loadSession()} />
      )}
      {lastError !== null && !busy && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not signed in</MessageBarTitle> {lastError}
          </MessageBarBody>
        </MessageBar>
      )}
      {busy && state !== null ? (
        <Waiting state={state} run={run} />
      ) : (
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => void signIn('interactive')} disabled={auth.status !== 'ready'}>
            Sign in with browser
          </Button>
          <Button onClick={() => void signIn('device-code')} disabled={auth.status !== 'ready'}>
            Use a device code instead
          </Button>
        </div>
      )}
      {demo && (
        <section className={styles.hint} aria-labelledby="demo-hint-title">
          <Subtitle2 as="h2" id="demo-hint-title">
            Demo tenant
          </Subtitle2>
          <Body1>
            The demo accounts — one agent per role, with their passwords — are listed on the demo tenant&apos;s sign-in
            page. Nothing you do here touches a real Microsoft 365 tenant.
          </Body1>
        </section>
      )}
      <Body1>
        Working on a real tenant? An administrator sets the tenant and app registration in{' '}
        <Link as="button" onClick={() => setScreen('settings')}>
          Settings
        </Link>
        .
      </Body1>
    </section>
  );
}
