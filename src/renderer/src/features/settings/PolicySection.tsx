// The tenant policy Resetline works within, read-only: as cached in main, each part with its age, so
// an agent offline still sees what was last known and how old it is.
import { Body1, Button, Caption1, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useEffect, type ReactNode } from 'react';
import type { PolicyView } from '../../../../shared/contract';
import type { PolicyEntry, PolicyPart, PolicyValues } from '../../../../shared/policy';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RelativeTime } from '../../components/RelativeTime';
import { useStore } from '../../store';

const NEVER_EXPIRES_DAYS = 2147483647;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  titleRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  parts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  part: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  age: { color: tokens.colorNeutralForeground3 },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

function Age<K extends PolicyPart>({ entry }: { entry: PolicyEntry<K> }) {
  const styles = useStyles();
  return (
    <>
      <Caption1 className={styles.age}>
        {entry.fetchedAt === null ? (
          'never fetched'
        ) : (
          <>
            fetched <RelativeTime iso={entry.fetchedAt} />
          </>
        )}
      </Caption1>
      {entry.error !== null && (
        <Caption1 className={styles.failed}>
          Last refresh failed ({entry.error.code}): {entry.error.message}
        </Caption1>
      )}
    </>
  );
}

function Part<K extends PolicyPart>({
  id,
  title,
  entry,
  render,
}: {
  id: string;
  title: string;
  entry: PolicyEntry<K>;
  render: (value: PolicyValues[K]) => ReactNode;
}) {
  const styles = useStyles();
  return (
    <section className={styles.part} aria-labelledby={id}>
      <Subtitle2 as="h3" id={id}>
        {title}
      </Subtitle2>
      {entry.value === null ? <Body1>Not known yet.</Body1> : render(entry.value)}
      <Age entry={entry} />
    </section>
  );
}

function PolicyParts({ view }: { view: PolicyView }) {
  const styles = useStyles();
  const { snapshot } = view;
  return (
    <div className={styles.parts}>
      <Part
        id="policy-tap"
        title="Temporary Access Pass"
        entry={snapshot.tap}
        render={(tap) =>
          tap === null ? (
            <Body1>No Temporary Access Pass policy in this tenant.</Body1>
          ) : (
            <ul className={styles.list}>
              <li>{tap.state === 'enabled' ? 'Enabled' : 'Disabled'}</li>
              <li>
                Lifetime {tap.defaultLifetimeInMinutes} min by default ({tap.minimumLifetimeInMinutes}–
                {tap.maximumLifetimeInMinutes} min)
              </li>
              <li>{tap.isUsableOnce ? 'One-time use' : 'Usable more than once'}</li>
              <li>{tap.defaultLength} characters</li>
            </ul>
          )
        }
      />
      <Part
        id="policy-domains"
        title="Password expiry per domain"
        entry={snapshot.domains}
        render={(domains) => (
          <ul className={styles.list}>
            {domains.map((d) => (
              <li key={d.id}>
                {d.id}
                {d.isDefault ? ' (default)' : ''}:{' '}
                {d.passwordValidityPeriodInDays >= NEVER_EXPIRES_DAYS
                  ? 'passwords never expire'
                  : `expire after ${d.passwordValidityPeriodInDays} days`}
              </li>
            ))}
          </ul>
        )}
      />
      <Part
        id="policy-licences"
        title="Licences"
        entry={snapshot.licences}
        render={(licences) => (
          <ul className={styles.list}>
            <li>Microsoft Entra ID P1: {licences.entraP1 ? 'yes' : 'no'}</li>
            <li>Microsoft Entra ID P2: {licences.entraP2 ? 'yes' : 'no'}</li>
            {licences.skus.map((s) => (
              <li key={s.skuPartNumber}>
                {s.skuPartNumber} ({s.enabledUnits} seats)
              </li>
            ))}
          </ul>
        )}
      />
      <Part
        id="policy-methods"
        title="Authentication methods enabled"
        entry={snapshot.authMethods}
        render={(methods) => {
          const enabled = methods.filter((m) => m.state === 'enabled');
          if (enabled.length === 0) return <Body1>No method is enabled.</Body1>;
          return (
            <ul className={styles.list}>
              {enabled.map((m) => (
                <li key={m.id}>
                  {m.id}:{' '}
                  {m.includeTargets.includes('all_users')
                    ? 'all users'
                    : `${m.includeTargets.length} ${m.includeTargets.length === 1 ? 'group' : 'groups'}`}
                </li>
              ))}
            </ul>
          );
        }}
      />
    </div>
  );
}

export function PolicySection() {
  const styles = useStyles();
  const policy = useStore((s) => s.settings.policy);
  const refresh = useStore((s) => s.settings.policyRefresh);
  const loadPolicy = useStore((s) => s.loadPolicy);
  const refreshPolicy = useStore((s) => s.refreshPolicy);
  const agentId = useStore((s) =>
    s.auth.status === 'ready' && s.auth.value.status === 'signed-in' ? s.auth.value.agent.id : null,
  );
  const following = useStore((s) => s.settings.policyFollowing);

  // Policy is read as the agent (and cached per tenant), so only once someone is signed in; read again
  // when the agent changes, which starts the first fetch for a new tenant.
  useEffect(() => {
    if (agentId !== null) void loadPolicy();
  }, [loadPolicy, agentId]);
  const busy = refresh.status === 'refreshing' || following;
  let body: ReactNode;
  if (agentId === null) body = <Body1>Sign in to read this tenant&apos;s policy.</Body1>;
  else if (policy.status === 'idle' || policy.status === 'loading')
    body = <Spinner size="small" label="Loading the tenant policy…" />;
  else if (policy.status === 'error') {
    body =
      policy.error.code === 'signed_out' ? (
        <Body1>Sign in to read this tenant&apos;s policy.</Body1>
      ) : (
        <ErrorNotice title="Could not load the tenant policy" error={policy.error} onRetry={() => void loadPolicy()} />
      );
  } else body = <PolicyParts view={policy.value} />;

  return (
    <section className={styles.root} aria-labelledby="policy-title">
      <div className={styles.titleRow}>
        <Subtitle2 as="h2" id="policy-title">
          Tenant policy
        </Subtitle2>
        <Button
          icon={<ArrowClockwiseRegular />}
          onClick={() => void refreshPolicy()}
          disabledFocusable={busy || agentId === null}
        >
          Refresh
        </Button>
        {busy && <Spinner size="tiny" label="Refreshing…" labelPosition="after" />}
      </div>
      {refresh.status === 'error' && (
        <ErrorNotice
          title="Could not refresh the tenant policy"
          error={refresh.error}
          onRetry={() => void refreshPolicy()}
        />
      )}
      {body}
    </section>
  );
}
