// An audit row's extra facts (its `detail`) as labelled fields a team lead reads: "Call length: 4 min
// 10 s", "Must change at next sign-in: Yes", not "durationSeconds: 250". Keys it does not know are
// still shown, their names split into words.
import type { AuditDetail } from '../../../../shared/audit';
import { CALL_OUTCOMES, type CallOutcome } from '../../../../shared/audit';
import { CALL_OUTCOME_BADGES } from './labels';
import { formatDuration } from './trends';

type Value = string | number | boolean;
const yesNo = (v: Value) => (v === true ? 'Yes' : v === false ? 'No' : String(v));

const ACTION_NAMES: Record<string, string> = {
  resetPassword: 'password reset',
  issueTap: 'Temporary Access Pass',
  revokeSessions: 'sessions revoked',
  enableAccount: 'account enabled',
  requireMfaReregistration: 'MFA re-registration required',
};

const CHANNELS: Record<string, string> = {
  screen: 'read out from the screen',
  email: 'email',
  sms: 'text message',
};

const PHONE_SOURCES: Record<string, string> = {
  'authentication-method': 'the phone registered as a sign-in method',
  profile: 'the mobile number on the user profile',
  none: 'no phone on record',
};

const FIELDS: Record<string, { label: string; show?: (v: Value) => string }> = {
  outcome: {
    label: 'Call outcome',
    show: (v) =>
      (CALL_OUTCOMES as readonly Value[]).includes(v) ? CALL_OUTCOME_BADGES[v as CallOutcome].label : String(v),
  },
  actions: {
    label: 'Actions taken',
    show: (v) =>
      String(v)
        .split(',')
        .map((a) => ACTION_NAMES[a] ?? a)
        .join(', '),
  },
  undeliveredItems: { label: 'Secrets not handed over' },
  durationSeconds: { label: 'Call length', show: (v) => formatDuration(Number(v) * 1000) },
  via: { label: 'Reset through' },
  typedByAgent: { label: 'Password typed by the agent', show: yesNo },
  forceChange: { label: 'Must change the password at next sign-in', show: yesNo },
  confirmedBy: { label: 'Confirmed by' },
  confirmation: { label: 'Confirmation', show: (v) => (v === 'not-yet' ? 'Not yet confirmed' : String(v)) },
  error: { label: 'Error' },
  errorCode: { label: 'Error' },
  lifetimeMinutes: { label: 'Lifetime', show: (v) => `${String(v)} minutes` },
  oneTime: { label: 'One use only', show: yesNo },
  channel: { label: 'Handed over by', show: (v) => CHANNELS[String(v)] ?? String(v) },
  graphRequestId: { label: 'Microsoft request ID' },
  requestId: { label: 'Microsoft request ID' },
  admin: { label: 'Administrator account', show: yesNo },
  selfServiceCapable: { label: 'Could use self-service', show: yesNo },
  resetAllowed: { label: 'Agent may reset the password', show: yesNo },
  phoneSource: { label: 'Codes go to', show: (v) => PHONE_SOURCES[String(v)] ?? String(v) },
  destination: { label: 'Sent to' },
  attemptsLeft: { label: 'Attempts left' },
  escalated: { label: 'Escalated', show: yesNo },
};

/** "graphRequestId" → "Graph request id". */
export function humanKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The row's facts as label/value pairs, known ones first in a fixed order, nulls left out. */
export function detailFields(detail: AuditDetail): { label: string; value: string }[] {
  const entries = Object.entries(detail).filter((e): e is [string, Value] => e[1] !== null);
  const known = Object.keys(FIELDS);
  entries.sort(([a], [b]) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    return (ia === -1 ? known.length : ia) - (ib === -1 ? known.length : ib) || a.localeCompare(b);
  });
  return entries.map(([key, value]) => {
    const field = FIELDS[key];
    return field
      ? { label: field.label, value: (field.show ?? yesNo)(value) }
      : { label: humanKey(key), value: yesNo(value) };
  });
}
