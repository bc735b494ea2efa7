// Validation failures in words a helpdesk agent can act on. The router turns every refused input
// (zod issues) into sentences here, one per field, e.g. "The search is too long: at most 200
// characters." The technical detail (paths, zod's own text) stays in main's log, never in the message.
import type { z } from 'zod';

/** What a field is called in a sentence; lists give the word for one item and for several. */
type FieldLabel = string | { one: string; many: string };

/**
 * Every input field by its key, as an agent would name it. Keys are shared across schemas (a
 * `search` is a search wherever it appears); a key missing here reads as its words ("withinDays" →
 * "within days"), which test/unit/shared/agentMessage.test.ts keeps from happening for known keys.
 */
export const FIELD_LABELS: Readonly<Record<string, FieldLabel>> = {
  text: 'search',
  search: 'search',
  department: 'department',
  method: 'method',
  preset: 'view',
  sort: 'sort order',
  descending: 'sort direction',
  offset: 'position in the list',
  limit: 'page size',
  cursor: 'page position',
  withinDays: 'number of days',
  state: 'state',
  kind: 'kind',
  source: 'source',
  resume: 'resume choice',
  id: 'user',
  userId: 'user',
  targetId: 'caller',
  targetUpn: 'caller',
  target: 'caller',
  agentUpn: 'agent',
  desk: 'desk',
  callId: 'call',
  challengeId: 'check',
  questionId: 'question',
  optionId: 'destination',
  secretId: 'secret',
  answer: 'answer',
  code: 'code',
  type: 'verification type',
  verificationType: 'verification type',
  verificationResult: 'verification result',
  action: 'action',
  actions: { one: 'action', many: 'actions' },
  activity: 'activity',
  outcome: 'outcome',
  callOutcome: 'call outcome',
  ticketRef: 'ticket reference',
  notes: 'notes',
  password: 'password',
  lifetimeInMinutes: 'lifetime',
  isUsableOnce: 'one-time use choice',
  confirm: 'confirmation',
  via: 'delivery channel',
  from: 'start date',
  to: 'end date',
  requiredChecks: 'number of required checks',
  allowedTypes: { one: 'verification type', many: 'verification types' },
  methodsRequired: 'number of required methods',
  maxAttempts: 'number of attempts',
  codeLength: 'code length',
  mailFrom: 'sender address',
  ticketRequired: 'ticket reference requirement',
  connectionString: 'connection string',
  fromNumber: 'sender number',
  cloud: 'cloud',
  tenantId: 'tenant',
  clientId: 'application (client) id',
  enabledFor: 'who SSPR is enabled for',
  selectedGroup: 'group',
  filter: 'filter',
  query: 'filter',
  full: 'full check choice',
  jobId: 'job',
  tenant: 'tenant',
  ingestionEndpoint: 'ingestion endpoint',
  dcrImmutableId: 'data collection rule immutable id',
  streamName: 'stream name',
  workspaceId: 'workspace id',
  off: 'forwarding choice',
};

/** Said when the request itself is malformed (not an agent's typing): only a fault in Resetline does this. */
export const MALFORMED_REQUEST =
  'Resetline could not read this request. Reload the window and try again; if it keeps happening, tell your administrator.';

type Issue = z.core.$ZodIssue;

/** "withinDays" → "within days". */
function words(key: string): string {
  return key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

/** The label of the innermost named field on the path, or null for the request as a whole. */
function labelFor(path: readonly PropertyKey[], labels: Readonly<Record<string, FieldLabel>>): FieldLabel | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key !== 'string') continue;
    return labels[key] ?? words(key);
  }
  return null;
}

const one = (label: FieldLabel) => (typeof label === 'string' ? label : label.one);
const many = (label: FieldLabel) => (typeof label === 'string' ? label : label.many);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const count = (n: number | bigint) => (n === 1 ? 'one' : String(n));

/** zod's own wording starts like this; any other message was written by hand in a schema, for agents. */
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized|Expected|Required)\b/;

function sizeSentence(issue: Issue & { code: 'too_big' | 'too_small' }, label: FieldLabel): string | null {
  const big = issue.code === 'too_big';
  const limit = big ? issue.maximum : issue.minimum;
  const the = `The ${one(label)}`;
  switch (issue.origin) {
    case 'string':
      if (!big && Number(limit) <= 1) return `${capital(`${the} is empty`)}: type something.`;
      return big
        ? `${the} is too long: at most ${limit} characters.`
        : `${the} is too short: at least ${limit} characters.`;
    case 'array':
    case 'set':
      if (big) return `Choose at most ${count(limit)} ${Number(limit) === 1 ? one(label) : many(label)}.`;
      return `Choose at least ${count(limit)} ${Number(limit) === 1 ? one(label) : many(label)}.`;
    case 'number':
    case 'int':
    case 'bigint':
      return big ? `${the} must be ${limit} or less.` : `${the} must be ${limit} or more.`;
    case 'date':
      return big ? `${the} is too late.` : `${the} is too early.`;
    default:
      return null;
  }
}

function formatSentence(issue: Issue & { code: 'invalid_format' }, label: FieldLabel): string {
  const the = `The ${one(label)}`;
  switch (issue.format) {
    case 'email':
      return `${the} is not an email address.`;
    case 'datetime':
    case 'date':
    case 'time':
      return `${the} is not a valid date and time.`;
    case 'uuid':
    case 'guid':
      return `${the} is not one Resetline knows: reload the window and try again.`;
    case 'url':
      return `${the} is not a web address.`;
    default:
      return `${the} is not in the expected form.`;
  }
}

/** One issue as one sentence. */
function sentence(issue: Issue, labels: Readonly<Record<string, FieldLabel>>): string {
  const label = labelFor(issue.path, labels);
  if (issue.message !== undefined && issue.message !== '' && !ZOD_DEFAULT.test(issue.message)) {
    return /[.!?]$/.test(issue.message) ? issue.message : `${capital(issue.message)}.`;
  }
  if (label === null) return MALFORMED_REQUEST;
  const the = `The ${one(label)}`;
  switch (issue.code) {
    case 'too_big':
    case 'too_small':
      return sizeSentence(issue, label) ?? `${the} is out of range.`;
    case 'invalid_format':
      return formatSentence(issue, label);
    case 'invalid_type':
      return /received undefined$/.test(issue.message) ? `${the} is missing.` : `${the} is not valid.`;
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
      return `${the} is not one of the choices offered.`;
    case 'invalid_element':
      return `${the} has an entry that is not valid.`;
    case 'not_multiple_of':
      return `${the} must be a multiple of ${issue.divisor}.`;
    case 'unrecognized_keys':
      return MALFORMED_REQUEST;
    case 'custom':
      return `${the} is not valid.`;
    default:
      return `${the} is not valid.`;
  }
}

/**
 * Sentences for an agent from a failed parse: one per field (the first problem of each), at most
 * three, in the schema's order. A request that is malformed as a whole (not something typed) gets
 * the one "could not read this request" sentence.
 */
export function agentMessage(
  issues: readonly Issue[],
  labels: Readonly<Record<string, FieldLabel>> = FIELD_LABELS,
): string {
  const seenFields = new Set<string>();
  const out: string[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    if (seenFields.has(field)) continue;
    seenFields.add(field);
    const s = sentence(issue, labels);
    if (s === MALFORMED_REQUEST) return MALFORMED_REQUEST;
    if (!out.includes(s)) out.push(s);
    if (out.length === 3) break;
  }
  return out.length > 0 ? out.join(' ') : MALFORMED_REQUEST;
}
