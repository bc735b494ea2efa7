// The IPC contract: every channel, its zod input schema and its result type. Main's handlers,
// the preload's `window.resetline` and the browser host's fetch client are all derived from it.
import { z } from 'zod';
import {
  AuditCountInput,
  AuditListInput,
  AuditVerifyInput,
  type AuditCount,
  type AuditPage,
  type AuditVerifyResult,
} from './audit';
import {
  CallCloseInput,
  CallIdInput,
  CallOpenInput,
  OutboxListInput,
  PasswordCheckInput,
  ResetRunInput,
  SecretInput,
  SendSecretInput,
  VerifyAnswerInput,
  VerifyCheckCodeInput,
  VerifyStartInput,
  type CallClosedView,
  type OpenCallSummary,
  type CallView,
  type ChallengeAnswer,
  type ChallengeView,
  type OutboxItem,
  type PasswordCheck,
  type RevealedSecret,
  type RunSummary,
  type SentSecret,
  type VerificationState,
} from './caller';
import { AuthSessionEvent, type AuthState } from './auth';
import { ForwardingSetInput, type ForwardingSettingsView, type ForwardingStatus } from './forwarding';
import { AuditCallInput, AuditStatsInput, type AuditStats, type CallTimeline } from './history';
import {
  TeamCallInput,
  TeamFilterInput,
  TeamListInput,
  TeamTrendsInput,
  type DeskChecks,
  type TeamCallTimeline,
  type TeamCount,
  type TeamPage,
  type TeamTrends,
} from './team';
import { JobIdInput, JobListInput, JobSnapshot, JobStartInput, type Job } from './jobs';
import type { PermissionCheck } from './permissions';
import type { PolicySnapshot } from './policy';
import {
  SsprListInput,
  SsprRangeInput,
  SsprUserInput,
  type SsprCallerAttempts,
  type SsprPage,
  type SsprStats,
} from './sspr';
import {
  PasswordAgeInput,
  RegistrationListInput,
  RegistrationUserInput,
  type FallbackEstimate,
  type PasswordAgePage,
  type RegistrationPage,
  type RegistrationStats,
  type RegistrationUserDetail,
} from './registration';
import {
  SmsSettingsInput,
  SsprRecordInput,
  TenantSettingsInput,
  VerificationPolicyInput,
  type SmsSettingsView,
  type SsprRecord,
  type TenantSettings,
  type VerificationPolicy,
} from './settings';
import { UserIdInput, UserSearchInput, type CallerCard, type UserSearchResult } from './users';
import type { Result } from './result';

export type TenantMode = 'demo' | 'tenant';
export type HostKind = 'electron' | 'browser';

export interface AppInfo {
  name: string;
  version: string;
  dataFolder: string;
  tenantMode: TenantMode;
  host: HostKind;
  schemaVersion: number;
}

export interface PolicyView {
  snapshot: PolicySnapshot;
  /** A refresh of the cache is under way: the `policy-refresh` job `refreshJobId` (follow it with jobs:get). */
  refreshing: boolean;
  refreshJobId: string | null;
}

/** A channel: its wire name, its input schema and (as a phantom) its output type. */
export interface Channel<Name extends string, Input extends z.ZodType, Output> {
  readonly name: Name;
  readonly input: Input;
  readonly output?: Output; // phantom: never set at run time
}

function channel<Output>() {
  return <Name extends string, Input extends z.ZodType>(name: Name, input: Input) =>
    ({ name, input }) as Channel<Name, Input, Output>;
}

/** Channels without input accept nothing at all (undefined), never an object. */
const NoInput = z.undefined();

export const contract = {
  app: {
    getInfo: channel<AppInfo>()('app:get-info', NoInput),
  },
  audit: {
    list: channel<AuditPage>()('audit:list', AuditListInput),
    /** How many rows a History filter matches: the virtualized table's size. */
    count: channel<AuditCount>()('audit:count', AuditCountInput),
    /** The quick check (rows since the last signed check); `{ full: true }` reads every row. */
    verify: channel<AuditVerifyResult>()('audit:verify', AuditVerifyInput),
    /** Every event of one call in the order recorded, for History's detail drawer. */
    getCall: channel<CallTimeline>()('audit:get-call', AuditCallInput),
    /** History's charts for a date range (optionally one agent), computed in SQL. */
    getStats: channel<AuditStats>()('audit:get-stats', AuditStatsInput),
  },
  /** Team History: the team's forwarded trail in the Log Analytics workspace (team leads; shared/team.ts). */
  team: {
    /** One page of History's filter over every desk, newest first, by offset. */
    listEvents: channel<TeamPage>()('team:list-events', TeamListInput),
    /** The filter's rows in the workspace, per desk. */
    countEvents: channel<TeamCount>()('team:count-events', TeamFilterInput),
    /** History's charts from the workspace's aggregates. */
    getTrends: channel<TeamTrends>()('team:get-trends', TeamTrendsInput),
    /** Every forwarded event of one call, for the drawer. */
    getCall: channel<TeamCallTimeline>()('team:get-call', TeamCallInput),
    /** Each desk's forwarded trail checked against itself: intact, rewritten or a gap (the anchor). */
    checkDesks: channel<DeskChecks>()('team:check-desks', NoInput),
  },
  jobs: {
    /** Starts long-running work of a kind (an export, a snapshot); follow it with get. Each kind checks its own role. */
    start: channel<Job>()('jobs:start', JobStartInput),
    /** A job the signed-in agent started; another agent's is not_found. */
    get: channel<Job>()('jobs:get', JobIdInput),
    /** Stops a job and answers once it has stopped; a finished job is answered as it is. */
    cancel: channel<Job>()('jobs:cancel', JobIdInput),
    /** The agent's jobs of a kind, newest first (an interrupted snapshot included, to offer its resume). */
    list: channel<Job[]>()('jobs:list', JobListInput),
  },
  sspr: {
    /** Cached SSPR events, newest first, with the age of the fetch covering the range. */
    list: channel<SsprPage>()('sspr:list', SsprListInput),
    /** Self-service vs. helpdesk resets per day (the deflection trend) and blocked attempts. */
    getStats: channel<SsprStats>()('sspr:get-stats', SsprRangeInput),
    /** One caller's self-service attempts this week, refreshed through Graph when it can be. */
    getCallerAttempts: channel<SsprCallerAttempts>()('sspr:get-caller-attempts', SsprUserInput),
  },
  auth: {
    /** Auth code + PKCE in the system browser; resolves when sign-in ends. Poll getSession meanwhile. */
    signIn: channel<AuthState>()('auth:sign-in', NoInput),
    signInDeviceCode: channel<AuthState>()('auth:sign-in-device-code', NoInput),
    cancelSignIn: channel<AuthState>()('auth:cancel-sign-in', NoInput),
    signOut: channel<AuthState>()('auth:sign-out', NoInput),
    getSession: channel<AuthState>()('auth:get-session', NoInput),
  },
  settings: {
    get: channel<{ tenant: TenantSettings }>()('settings:get', NoInput),
    /** Changing the tenant signs the agent out. */
    update: channel<{ tenant: TenantSettings }>()(
      'settings:update',
      z.object({ tenant: TenantSettingsInput }).strict(),
    ),
    /** The SSPR policy as an admin recorded it (Graph cannot read it); null until recorded. */
    getSspr: channel<{ record: SsprRecord | null }>()('settings:get-sspr', NoInput),
    setSspr: channel<{ record: SsprRecord }>()('settings:set-sspr', SsprRecordInput),
    /** The signed-in agent's consented permissions and roles against what each feature needs. */
    getPermissionCheck: channel<PermissionCheck>()('settings:get-permission-check', NoInput),
    /** The tenant's rules for verifying a caller (Resetline's own, not Entra's). */
    getVerificationPolicy: channel<VerificationPolicy>()('settings:get-verification-policy', NoInput),
    setVerificationPolicy: channel<VerificationPolicy>()('settings:set-verification-policy', VerificationPolicyInput),
    /** The SMS provider as configured; the ACS access key is never returned. */
    getSmsProvider: channel<SmsSettingsView>()('settings:get-sms-provider', NoInput),
    setSmsProvider: channel<SmsSettingsView>()('settings:set-sms-provider', SmsSettingsInput),
    /** Forwarding the audit trail to Azure Monitor Logs: the destination in use and how it is going. */
    getForwarding: channel<ForwardingSettingsView>()('settings:get-forwarding', NoInput),
    /** A destination, or `{ off: true }`; policy administrators only. */
    setForwarding: channel<ForwardingSettingsView>()('settings:set-forwarding', ForwardingSetInput),
  },
  forwarding: {
    /** How forwarding is going (last sent, backlog, last error): the status line in Settings and History. */
    getStatus: channel<ForwardingStatus>()('forwarding:get-status', NoInput),
  },
  users: {
    search: channel<UserSearchResult>()('users:search', UserSearchInput),
    getCaller: channel<CallerCard>()('users:get-caller', UserIdInput),
  },
  policy: {
    /**
     * The cached tenant policy at once, each part with its age. When a part is stale it starts a
     * `policy-refresh` job (jobs:start starts one on demand) and names it in `refreshJobId`.
     */
    get: channel<PolicyView>()('policy:get', NoInput),
  },
  call: {
    /** Loads the caller card, decides what the agent may do, lists ways to verify; call.opened waits for the first audited event. */
    open: channel<CallView>()('call:open', CallOpenInput),
    get: channel<CallView>()('call:get', CallIdInput),
    /** Answers once the card's methods and registration details are in (`call:open` answers before them). */
    getMethods: channel<CallView>()('call:get-methods', CallIdInput),
    /** Records call.closed (or deflect.self-service) with the verification summary; forgets every secret. */
    close: channel<CallClosedView>()('call:close', CallCloseInput),
    /** The signed-in agent's calls main still holds (a reloaded window offers to resume them). */
    listOpen: channel<OpenCallSummary[]>()('call:list-open', NoInput),
  },
  verify: {
    /** Sends a code (sms, email, manager) or starts the knowledge questions. */
    startChallenge: channel<ChallengeView>()('verify:start-challenge', VerifyStartInput),
    checkCode: channel<ChallengeAnswer>()('verify:check-code', VerifyCheckCodeInput),
    answerQuestion: channel<ChallengeAnswer>()('verify:answer-question', VerifyAnswerInput),
    getState: channel<VerificationState>()('verify:get-state', CallIdInput),
  },
  reset: {
    /**
     * Runs the actions in a safe order, each audited, stopping at the first failure. A password reset
     * Microsoft has not confirmed yet answers `pending` with the `password-writeback` job that follows it.
     */
    run: channel<RunSummary>()('reset:run', ResetRunInput),
    checkPassword: channel<PasswordCheck>()('reset:check-password', PasswordCheckInput),
    /** The show-once value: answered once, refused after. */
    revealSecret: channel<RevealedSecret>()('reset:reveal-secret', SecretInput),
    /** Sends the secret to a phone or email address the caller proved in this call. */
    sendSecret: channel<SentSecret>()('reset:send-secret', SendSecretInput),
  },
  registration: {
    /** What the $batch fallback (no Entra ID P1) would cost, before the admin starts it. */
    estimateFallback: channel<FallbackEstimate>()('registration:estimate-fallback', NoInput),
    list: channel<RegistrationPage>()('registration:list', RegistrationListInput),
    getStats: channel<RegistrationStats>()('registration:get-stats', NoInput),
    getUser: channel<RegistrationUserDetail>()('registration:get-user', RegistrationUserInput),
    listPasswordAge: channel<PasswordAgePage>()('registration:list-password-age', PasswordAgeInput),
  },
  demo: {
    /** What the demo tenant "sent" (codes, passwords): demo mode only. */
    listOutbox: channel<OutboxItem[]>()('demo:list-outbox', OutboxListInput),
  },
} as const;

/** A push event main sends the renderer: its wire name and the zod schema of what it carries. */
export interface PushEvent<Name extends string, Payload extends z.ZodType> {
  readonly name: Name;
  readonly payload: Payload;
}

const pushEvent = <Name extends string, Payload extends z.ZodType>(name: Name, payload: Payload) =>
  ({ name, payload }) as PushEvent<Name, Payload>;

/**
 * What main tells the renderer without being asked (Electron: webContents.send; the browser host:
 * server-sent events), named `domain:noun`. Only the signed-in agent an event is about receives it;
 * `auth:session` says no more than `auth:get-session` answers whoever holds the window's session key.
 */
export const events = {
  auth: {
    /** The session changed: a sign-in started or ended, its link or code is known, the agent signed out. */
    session: pushEvent('auth:session', AuthSessionEvent),
  },
  jobs: {
    /** A job as jobs:get answers it, on every change of state and at most ~5 times a second while it runs. */
    progress: pushEvent('jobs:progress', JobSnapshot),
  },
} as const;

type AnyPushEvent = { [D in keyof typeof events]: (typeof events)[D][keyof (typeof events)[D]] }[keyof typeof events];
export type EventName = AnyPushEvent['name'];
export type EventPayload<E extends EventName> = z.output<Extract<AnyPushEvent, { name: E }>['payload']>;

/** Every event as a flat list (names checked by transports and the contract test). */
export const allEvents: readonly PushEvent<EventName, z.ZodType>[] = Object.values(events).flatMap(
  (domain: Record<string, PushEvent<EventName, z.ZodType>>) => Object.values(domain),
);
export const eventNames: readonly string[] = allEvents.map((e) => e.name);

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventNames.includes(name);
}

/** The event's payload when it matches the contract's schema, else null (dropped, never shown). */
export function parseEventPayload<E extends EventName>(name: E, payload: unknown): EventPayload<E> | null {
  const parsed = allEvents.find((e) => e.name === name)?.payload.safeParse(payload);
  return parsed?.success ? (parsed.data as EventPayload<E>) : null;
}

/** Whether events reach this window now: the browser host's stream can drop (and reconnect); IPC cannot. */
export type EventStreamState = 'up' | 'down';

/** How a transport delivers events: `window.resetline.on` and `onStream`. */
export interface EventSubscriptions {
  /** Calls `listener` with each valid `event` main sends; answers the unsubscribe. */
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
  /** Calls `listener` with the stream's state now and on each change; answers the unsubscribe. */
  onStream: (listener: (state: EventStreamState) => void) => () => void;
}

type Contract = typeof contract;
export type Domain = keyof Contract;
type AnyChannel = Channel<string, z.ZodType, unknown>;

type ChannelsOf<C> = { [D in keyof C]: C[D][keyof C[D]] }[keyof C];
export type AnyContractChannel = ChannelsOf<Contract>;
export type ChannelName = AnyContractChannel['name'];

export type InputOf<C extends AnyChannel> = z.input<C['input']>;
export type ParsedInputOf<C extends AnyChannel> = z.output<C['input']>;
// Exclude, not NonNullable: a channel may answer null.
export type OutputOf<C extends AnyChannel> = Exclude<C['output'], undefined>;

type Method<C extends AnyChannel> =
  undefined extends InputOf<C>
    ? (input?: InputOf<C>) => Promise<Result<OutputOf<C>>>
    : (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

/** The shape of `window.resetline`: one named method per channel, grouped by domain. */
export type ResetlineApi = {
  readonly [D in keyof Contract]: {
    readonly [M in keyof Contract[D]]: Contract[D][M] extends AnyChannel ? Method<Contract[D][M]> : never;
  };
} & {
  /** Push events; absent on a transport without them (the renderer then polls). */
  readonly on?: EventSubscriptions['on'];
  readonly onStream?: EventSubscriptions['onStream'];
};

/** Every channel as a flat list, for transports that mount them all. */
export const allChannels: readonly { domain: string; method: string; channel: AnyChannel }[] = Object.entries(
  contract,
).flatMap(([domain, methods]) =>
  Object.entries(methods as Record<string, AnyChannel>).map(([method, ch]) => ({ domain, method, channel: ch })),
);

export const channelNames: readonly string[] = allChannels.map((c) => c.channel.name);

/** Builds a `ResetlineApi` from a function that sends one call over some transport. */
export function buildApi(
  send: (channelName: string, input: unknown) => Promise<Result<unknown>>,
  subscriptions?: EventSubscriptions,
): ResetlineApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const { domain, method, channel: ch } of allChannels) {
    (api[domain] ??= {})[method] = (input?: unknown) => send(ch.name, input);
  }
  if (subscriptions) Object.assign(api, { on: subscriptions.on, onStream: subscriptions.onStream });
  return api as unknown as ResetlineApi;
}
