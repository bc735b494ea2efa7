// Settings: which tenant Resetline works on (reachable signed out, so an admin can point the app at
// a tenant before anyone signs in), Resetline's verification policy, the SMS provider, the team trail
// (forwarding to Azure Monitor), and how to register the app.
// The tenant's policy is on Policy.
import { Body1, Link, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenTitle } from '../../components/ScreenTitle';
import { useStore } from '../../store';
import { ForwardingSection } from './ForwardingForm';
import { PermissionCheckSection } from './PermissionCheckSection';
import { SmsProviderSection } from './SmsProviderForm';
import { TenantForm } from './TenantForm';
import { VerificationPolicySection } from './VerificationPolicyForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, maxWidth: '48rem' },
});

function TenantSection() {
  const styles = useStyles();
  const tenant = useStore((s) => s.settings.tenant);
  const loadSettings = useStore((s) => s.loadSettings);
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  return (
    <section className={styles.section} aria-labelledby="tenant-settings-title">
      <Subtitle2 as="h2" id="tenant-settings-title">
        Tenant
      </Subtitle2>
      {tenant.status === 'ready' ? (
        // Keyed by the saved value so a save that main normalised (trimmed ids) resets the form to it.
        <TenantForm key={JSON.stringify(tenant.value)} saved={tenant.value} />
      ) : tenant.status === 'error' ? (
        <ErrorNotice title="Could not load the settings" error={tenant.error} onRetry={() => void loadSettings()} />
      ) : (
        <Spinner size="small" label="Loading the settings…" />
      )}
    </section>
  );
}

function AppRegistrationHelp() {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="app-registration-title">
      <Subtitle2 as="h2" id="app-registration-title">
        App registration
      </Subtitle2>
      <Body1>
        A real tenant needs one app registration for Resetline. The README section &ldquo;Pointing Resetline at a real
        tenant&rdquo; has the steps; in short:
      </Body1>
      <ol className={styles.steps}>
        <li>Register a public client application (no secret) in the Microsoft Entra admin centre.</li>
        <li>
          Add the redirect URI <code>http://localhost</code> under &ldquo;Mobile and desktop applications&rdquo; and set
          &ldquo;Allow public client flows&rdquo; to Yes (the device code needs it).
        </li>
        <li>Add the delegated Microsoft Graph permissions the README lists, then grant admin consent.</li>
        <li>Give the agents their Entra directory roles (Helpdesk, Password or Authentication Administrator).</li>
        <li>Enter the tenant id and the application (client) id above.</li>
      </ol>
      <Body1>
        Microsoft&apos;s guide:{' '}
        <Link
          href="https://learn.microsoft.com/entra/identity-platform/quickstart-register-app"
          target="_blank"
          rel="noopener noreferrer"
        >
          Register an application
        </Link>
        .
      </Body1>
    </section>
  );
}

export function SettingsScreen() {
  const styles = useStyles();
  const setScreen = useStore((s) => s.setScreen);
  return (
    <section className={styles.root} aria-labelledby="screen-title">
      <ScreenTitle>Settings</ScreenTitle>
      <TenantSection />
      <Body1>
        The tenant policy (authentication methods, Temporary Access Pass, password expiry, licences, writeback) moved to{' '}
        <Link as="button" onClick={() => setScreen('policy')}>
          Policy (Ctrl+5)
        </Link>
        .
      </Body1>
      <VerificationPolicySection />
      <SmsProviderSection />
      <ForwardingSection />
      <PermissionCheckSection />
      <AppRegistrationHelp />
    </section>
  );
}
