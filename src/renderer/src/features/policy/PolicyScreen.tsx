// Policy: the tenant policy Resetline works within, as cached in main (each part with its age and
// one Refresh), the SSPR policy Graph cannot read (as an admin recorded it) and Resetline's own
// verification policy.
import { Body1, Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useEffect, type ReactNode } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenTitle } from '../../components/ScreenTitle';
import { useStore } from '../../store';
import { SsprRecordPart } from './SsprRecordPart';
import { AuthMethodsPart, DomainsPart, LicencesPart, TapPart, WritebackPart } from './TenantParts';
import { VerificationPart } from './VerificationPart';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  parts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(22rem, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  wide: { gridColumn: '1 / -1' },
});

function TenantPolicy() {
  const styles = useStyles();
  const policy = useStore((s) => s.settings.policy);
  const loadPolicy = useStore((s) => s.loadPolicy);
  if (policy.status === 'idle' || policy.status === 'loading') {
    return <Spinner size="small" label="Loading the tenant policy…" />;
  }
  if (policy.status === 'error') {
    return (
      <ErrorNotice title="Could not load the tenant policy" error={policy.error} onRetry={() => void loadPolicy()} />
    );
  }
  const { snapshot } = policy.value;
  return (
    <div className={styles.parts}>
      <div className={styles.wide}>
        <AuthMethodsPart snapshot={snapshot} />
      </div>
      <TapPart snapshot={snapshot} />
      <WritebackPart snapshot={snapshot} />
      <DomainsPart snapshot={snapshot} />
      <LicencesPart snapshot={snapshot} />
    </div>
  );
}

export function PolicyScreen() {
  const styles = useStyles();
  const refresh = useStore((s) => s.settings.policyRefresh);
  const loadPolicy = useStore((s) => s.loadPolicy);
  const refreshPolicy = useStore((s) => s.refreshPolicy);
  const agentId = useStore((s) =>
    s.auth.status === 'ready' && s.auth.value.status === 'signed-in' ? s.auth.value.agent.id : null,
  );

  // Policy is read as the agent (and cached per tenant): read again when the agent changes, which
  // starts the first fetch for a new tenant.
  useEffect(() => {
    if (agentId !== null) void loadPolicy();
  }, [loadPolicy, agentId]);
  const busy = refresh.status === 'running';
  const parts = refresh.status === 'running' ? refresh.job.progress : null;

  let tenant: ReactNode;
  if (agentId === null) tenant = <Body1>Sign in to read this tenant&apos;s policy.</Body1>;
  else tenant = <TenantPolicy />;

  return (
    <section className={styles.root} aria-labelledby="screen-title">
      <ScreenTitle>Policy</ScreenTitle>
      <div className={styles.toolbar}>
        <Button
          icon={<ArrowClockwiseRegular />}
          onClick={() => void refreshPolicy()}
          disabledFocusable={busy || agentId === null}
        >
          Refresh from Microsoft Graph
        </Button>
        {parts && (
          <Spinner
            size="tiny"
            label={`Refreshing… ${parts.done} of ${parts.total ?? '?'} parts`}
            labelPosition="after"
          />
        )}
      </div>
      {refresh.status === 'failed' && (
        <ErrorNotice
          title="Could not refresh the tenant policy"
          error={refresh.error}
          onRetry={() => void refreshPolicy()}
        />
      )}
      {tenant}
      <div className={styles.parts}>
        <SsprRecordPart />
        <VerificationPart />
      </div>
    </section>
  );
}
