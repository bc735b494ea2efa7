// The parts of the caller card below its header: methods, admin roles, role-assignable groups and
// the SSPR/MFA registration, the caller's own self-service attempts. What could not be read is said
// once, in the card's "Not available to you here" notice (CardGuidance.tsx); the sections point to it.
import {
  Badge,
  Body1,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { CallerCard } from '../../../../shared/users';
import { RelativeTime } from '../../components/RelativeTime';
import { useStore } from '../../store';
import { METHOD_KIND_LABELS, PART_LABELS, selfServiceSummary } from './labels';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  attempts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 as="h3" id={id}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}

/**
 * The card's reports part (methods, registration details) still on its way: the card showed without
 * waiting for Microsoft's reports service, and this fills in when it answers.
 */
export function ReportsPending({ what }: { what: string }) {
  return <Spinner size="extra-tiny" labelPosition="after" label={`Reading ${what}…`} role="status" />;
}

/** A section that could not be read: the why is in the card's one notice, not repeated here. */
function Unreadable() {
  const styles = useStyles();
  return <Body1 className={styles.muted}>Not available: see “Not available to you here” above.</Body1>;
}

export function MethodsSection({ card }: { card: CallerCard }) {
  const styles = useStyles();
  const unreadable = card.partial.find((p) => p.part === 'methods');
  return (
    <Section id="caller-methods" title="Authentication methods">
      {card.reportsPending === true ? (
        <ReportsPending what="sign-in methods" />
      ) : unreadable !== undefined ? (
        // Helpdesk and Password Administrators may reset passwords but not read methods (Microsoft's
        // role table); the card still shows everything else.
        <Unreadable />
      ) : card.methods.length === 0 ? (
        <Body1>No authentication methods registered.</Body1>
      ) : (
        <ul className={styles.list} aria-label="Registered methods">
          {card.methods.map((m) => (
            <li key={m.id}>
              <Body1>{m.label}</Body1> <Caption1 className={styles.muted}>({METHOD_KIND_LABELS[m.kind]})</Caption1>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const privileged = (card: CallerCard) =>
  card.roles.length > 0 || card.roleAssignableGroups.length > 0 || card.scopedRoles.length > 0;

export function RolesSection({ card }: { card: CallerCard }) {
  const unreadable = card.partial.find((p) => p.part === 'memberships');
  return (
    <Section id="caller-roles" title="Admin roles and role-assignable groups">
      {unreadable !== undefined ? (
        <Unreadable />
      ) : privileged(card) ? (
        <Body1>Privileged account: see the notice above.</Body1>
      ) : (
        <Body1>No admin roles and no role-assignable groups.</Body1>
      )}
    </Section>
  );
}

/** Admins and members of role-assignable groups narrow who may reset them: in the summary, impossible to miss. */
export function PrivilegedNotice({ card }: { card: CallerCard }) {
  const styles = useStyles();
  if (card.partial.some((p) => p.part === 'memberships') || !privileged(card)) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Privileged account</MessageBarTitle>
        {card.roles.length > 0 && (
          <ul className={styles.chips} aria-label="Admin roles">
            {card.roles.map((r) => (
              <li key={r.templateId}>
                <Badge appearance="filled" color="warning">
                  {r.displayName}
                </Badge>
              </li>
            ))}
          </ul>
        )}
        {card.scopedRoles.length > 0 && (
          <Body1 as="p">
            Within an administrative unit: {[...new Set(card.scopedRoles.map((r) => r.displayName))].join(', ')}
          </Body1>
        )}
        {card.roleAssignableGroups.length > 0 && (
          <Body1 as="p">Role-assignable groups: {card.roleAssignableGroups.map((g) => g.displayName).join(', ')}</Body1>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

export function RegistrationSection({ card }: { card: CallerCard }) {
  const styles = useStyles();
  const reg = card.registration;
  return (
    <Section id="caller-registration" title="Self-service and MFA registration">
      {card.reportsPending === true ? (
        <ReportsPending what="registration details" />
      ) : reg === null ? (
        <Unreadable />
      ) : (
        <ul className={styles.list}>
          <li>
            SSPR registered: {yesNo(reg.isSsprRegistered)} · enabled: {yesNo(reg.isSsprEnabled)} · capable:{' '}
            {yesNo(reg.isSsprCapable)}
          </li>
          <li>
            MFA registered: {yesNo(reg.isMfaRegistered)} · capable: {yesNo(reg.isMfaCapable)}
          </li>
          {reg.methodsRegistered.length > 0 && <li>Methods in the report: {reg.methodsRegistered.join(', ')}</li>}
        </ul>
      )}
    </Section>
  );
}

/** Parts not shown in their own section (the manager) that could not be read: named, the why is in the notice. */
export function OtherPartials({ card }: { card: CallerCard }) {
  const styles = useStyles();
  const others = card.partial.filter((p) => p.part === 'manager');
  if (others.length === 0) return null;
  return (
    <Body1 className={styles.muted}>
      {others.map((p) => PART_LABELS[p.part]).join(', ')}: not available, see “Not available to you here” above.
    </Body1>
  );
}

/**
 * "Tried self-service 3 times today — blocked": the caller's own attempts from Entra's audit log.
 * Loaded beside the card; when it cannot be read the card says so quietly and carries on.
 */
export function SelfServiceAttempts({ quietErrors = false }: { quietErrors?: boolean }) {
  const styles = useStyles();
  const attempts = useStore((s) => s.caller.attempts);
  if (attempts.status === 'idle') return null;
  // The card's one notice says why the attempts could not be read.
  if (attempts.status === 'error' && quietErrors) return null;
  if (attempts.status === 'loading') {
    return (
      <Caption1 className={styles.muted} data-testid="caller-sspr-loading">
        Checking self-service attempts…
      </Caption1>
    );
  }
  if (attempts.status === 'error') {
    return (
      <Caption1 className={styles.muted} data-testid="caller-sspr-unavailable">
        Self-service attempts could not be checked: {attempts.error.message}
      </Caption1>
    );
  }
  const { refreshError } = attempts.value;
  const summary = selfServiceSummary(attempts.value);
  if (summary === null && quietErrors) return null;
  const stale = refreshError !== null && (
    <Caption1 className={styles.muted} data-testid="caller-sspr-unavailable">
      {summary === null ? 'Self-service attempts could not be checked' : 'From the last fetch; could not refresh'}:{' '}
      {refreshError.message}
    </Caption1>
  );
  if (summary === null) return stale || null;
  return (
    <div className={styles.attempts}>
      <Body1 data-testid="caller-sspr">
        <Badge appearance="tint" color={summary.tone}>
          Self-service
        </Badge>{' '}
        {summary.text}
        {summary.last ? ', last ' : ' '}
        <RelativeTime iso={summary.at} />
      </Body1>
      {stale}
    </div>
  );
}
