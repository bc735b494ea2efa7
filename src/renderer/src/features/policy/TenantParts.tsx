// The parts of the tenant policy Graph can read: authentication methods, Temporary Access Pass,
// password expiry per domain, licences and password writeback.
import { Body1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { PolicySnapshot } from '../../../../shared/policy';
import { RelativeTime } from '../../components/RelativeTime';
import { daysLabel, methodLabel, minutesLabel, NEVER_EXPIRES_DAYS, targetsLabel } from './labels';
import { PolicyPart, usePartStyles } from './PolicyPart';

export function AuthMethodsPart({ snapshot }: { snapshot: PolicySnapshot }) {
  const styles = usePartStyles();
  return (
    <PolicyPart
      id="policy-methods"
      title="Authentication methods"
      entry={snapshot.authMethods}
      render={(methods) =>
        methods.length === 0 ? (
          <Body1>The policy lists no methods.</Body1>
        ) : (
          <Table size="small" aria-labelledby="policy-methods">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Method</TableHeaderCell>
                <TableHeaderCell>State</TableHeaderCell>
                <TableHeaderCell>Enabled for</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {methods.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>{methodLabel(m.id)}</TableCell>
                  <TableCell>{m.state === 'enabled' ? 'Enabled' : 'Disabled'}</TableCell>
                  <TableCell className={styles.wrap}>
                    {m.state === 'enabled' ? targetsLabel(m.includeTargets) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      }
    />
  );
}

export function TapPart({ snapshot }: { snapshot: PolicySnapshot }) {
  const styles = usePartStyles();
  return (
    <PolicyPart
      id="policy-tap"
      title="Temporary Access Pass"
      entry={snapshot.tap}
      render={(tap) =>
        tap === null ? (
          <Body1>No Temporary Access Pass policy in this tenant.</Body1>
        ) : (
          <dl className={styles.facts}>
            <dt>State</dt>
            <dd>{tap.state === 'enabled' ? 'Enabled' : 'Disabled'}</dd>
            <dt>Default lifetime</dt>
            <dd>{minutesLabel(tap.defaultLifetimeInMinutes)}</dd>
            <dt>Allowed lifetime</dt>
            <dd>
              {minutesLabel(tap.minimumLifetimeInMinutes)} to {minutesLabel(tap.maximumLifetimeInMinutes)}
            </dd>
            <dt>Length</dt>
            <dd>{tap.defaultLength} characters</dd>
            <dt>One-time use</dt>
            <dd>{tap.isUsableOnce ? 'Yes' : 'No, usable more than once while valid'}</dd>
          </dl>
        )
      }
    />
  );
}

export function DomainsPart({ snapshot }: { snapshot: PolicySnapshot }) {
  const styles = usePartStyles();
  return (
    <PolicyPart
      id="policy-domains"
      title="Password expiry per domain"
      entry={snapshot.domains}
      render={(domains) =>
        domains.length === 0 ? (
          <Body1>No verified domains.</Body1>
        ) : (
          <Table size="small" aria-labelledby="policy-domains">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Domain</TableHeaderCell>
                <TableHeaderCell>Passwords expire</TableHeaderCell>
                <TableHeaderCell>Users warned</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {domains.map((d) => {
                const never = d.passwordValidityPeriodInDays >= NEVER_EXPIRES_DAYS;
                return (
                  <TableRow key={d.id}>
                    <TableCell className={styles.wrap}>
                      {d.id}
                      {d.isDefault ? ' (default)' : ''}
                    </TableCell>
                    <TableCell>{never ? 'Never' : `After ${daysLabel(d.passwordValidityPeriodInDays)}`}</TableCell>
                    <TableCell>{never ? '—' : `${daysLabel(d.passwordNotificationWindowInDays)} before`}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )
      }
    />
  );
}

export function LicencesPart({ snapshot }: { snapshot: PolicySnapshot }) {
  const styles = usePartStyles();
  return (
    <PolicyPart
      id="policy-licences"
      title="Licences"
      entry={snapshot.licences}
      render={(licences) => (
        <>
          <dl className={styles.facts}>
            <dt>Microsoft Entra ID P1</dt>
            <dd>{licences.entraP1 ? 'Yes' : 'No'}</dd>
            <dt>Microsoft Entra ID P2</dt>
            <dd>{licences.entraP2 ? 'Yes' : 'No'}</dd>
          </dl>
          {licences.skus.length === 0 ? (
            <Body1>No subscriptions.</Body1>
          ) : (
            <ul className={styles.list} aria-label="Subscriptions">
              {licences.skus.map((s) => (
                <li key={s.skuPartNumber}>
                  {s.skuPartNumber} ({s.enabledUnits} seats)
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    />
  );
}

export function WritebackPart({ snapshot }: { snapshot: PolicySnapshot }) {
  const styles = usePartStyles();
  return (
    <PolicyPart
      id="policy-writeback"
      title="Password writeback"
      entry={snapshot.writeback}
      render={(w) =>
        !w.syncEnabled ? (
          <Body1>
            This tenant does not sync from on-premises Active Directory: every password lives in the cloud and there is
            nothing to write back.
          </Body1>
        ) : (
          <dl className={styles.facts}>
            <dt>Password writeback</dt>
            <dd>
              Not shown: Microsoft documents the only tenant-wide flag (passwordWritebackEnabled) as not in use. Each
              synced user&apos;s reset is confirmed on its own.
            </dd>
            <dt>Sync from on-premises</dt>
            <dd>
              On
              {w.lastSyncDateTime !== null && (
                <>
                  , last sync <RelativeTime iso={w.lastSyncDateTime} />
                </>
              )}
            </dd>
            <dt>Password hash sync</dt>
            <dd>{w.passwordSyncEnabled ? 'On' : 'Off'}</dd>
          </dl>
        )
      }
    />
  );
}
