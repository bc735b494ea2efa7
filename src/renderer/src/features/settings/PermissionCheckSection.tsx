// Settings → Permissions check: for each feature, whether the app registration's consent and the
// signed-in agent's roles cover it, and whether the tenant's Microsoft Graph offers it — each gap named
// with the admin-center step that fixes it. Computed in main from the request catalogue.
import {
  Badge,
  Body1,
  Button,
  makeStyles,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import type { FeatureCheck } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  table: { maxWidth: '72rem', tableLayout: 'fixed' },
  cell: {
    overflowWrap: 'anywhere',
    verticalAlign: 'top',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
  },
  feature: { width: '22%' },
  status: { width: '14%' },
  roles: { width: '28%' },
  fix: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

function Status({ check }: { check: FeatureCheck }) {
  if (check.cloudUnavailable) return <Badge color="subtle">Not in this cloud</Badge>;
  if (check.missingPermissions.length > 0) return <Badge color="danger">Consent missing</Badge>;
  if (check.roleHeld === null) return <Badge color="warning">Roles unknown</Badge>;
  if (!check.roleHeld) return <Badge color="warning">Your role cannot</Badge>;
  return <Badge color="success">Ready</Badge>;
}

export function PermissionCheckSection() {
  const styles = useStyles();
  const check = useStore((s) => s.settings.permissions);
  const load = useStore((s) => s.loadPermissionCheck);
  const signedIn = useStore((s) => s.auth.status === 'ready' && s.auth.value.status === 'signed-in');
  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);
  return (
    <section className={styles.section} aria-labelledby="permission-check-title">
      <div className={styles.head}>
        <Subtitle2 as="h2" id="permission-check-title">
          Permissions check
        </Subtitle2>
        {signedIn && (
          <Button size="small" onClick={() => void load()} disabled={check.status === 'loading'}>
            Check again
          </Button>
        )}
      </div>
      {!signedIn ? (
        <Body1>Sign in to check the app registration&apos;s consent and your roles against each feature.</Body1>
      ) : check.status === 'error' ? (
        <ErrorNotice title="Could not run the permissions check" error={check.error} onRetry={() => void load()} />
      ) : check.status !== 'ready' ? (
        <Spinner size="small" label="Checking permissions…" />
      ) : (
        <>
          <Body1>
            {check.value.cloud}. This sign-in carries {check.value.grantedScopes.length} delegated permissions:{' '}
            {check.value.grantedScopes.join(', ') || 'none'}.
          </Body1>
          <Table aria-label="Permissions check" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.feature}>Feature</TableHeaderCell>
                <TableHeaderCell className={styles.status}>Status</TableHeaderCell>
                <TableHeaderCell>Permissions</TableHeaderCell>
                <TableHeaderCell className={styles.roles}>Roles (one of)</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {check.value.features.map((f) => (
                <TableRow key={f.feature} data-feature={f.feature}>
                  <TableCell className={styles.cell}>{f.label}</TableCell>
                  <TableCell className={styles.cell}>
                    <Status check={f} />
                  </TableCell>
                  <TableCell className={styles.cell}>
                    {f.permissions.join(', ')}
                    {f.missingPermissions.length > 0 && (
                      <div className={styles.fix}>
                        Missing: {f.missingPermissions.join(', ')}. {f.consentFix}
                      </div>
                    )}
                    {f.cloudUnavailable && <div className={styles.fix}>{f.cloudUnavailable}</div>}
                  </TableCell>
                  <TableCell className={styles.cell}>
                    {f.roles.length === 0 ? 'Any signed-in member' : f.roles.join(', ')}
                    {f.roleHeld === false && <div className={styles.fix}>You hold none of these.</div>}
                    {f.roleHeld === null && <div className={styles.fix}>Your roles could not be read.</div>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
