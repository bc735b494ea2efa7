// The open call: the CallView from main, the challenges sent in it, the actions run, and the
// show-once secrets revealed. Held in memory only (never persisted) and dropped whole when the call
// closes, so a revealed password cannot outlive the call that produced it. A password reset Microsoft
// has not confirmed yet (a synced user's writeback) is followed as the job main answered with
// (`createJobFollower`, store/jobs.ts: jobs:progress events, jobs:get as the fallback).
import type { StateCreator } from 'zustand';
import type {
  CallOutcome,
  CallView,
  ChallengeView,
  OutboxItem,
  PasswordCheck,
  ResetActionRequest,
  RevealedSecret,
  RunSummary,
  SentSecret,
} from '../../../shared/caller';
import type { ResetlineApi } from '../../../shared/contract';
import { isFinal } from '../../../shared/jobs';
import { assertNever, type Result, type ResultError } from '../../../shared/result';
import { createJobFollower, type JobFollow } from './jobs';
import { call, idle, settle, track, type Loadable } from './loadable';
import type { Store } from './types';

/** What the agent is told when they stop waiting for Microsoft: the reset was sent, its outcome is unknown. */
export const STOPPED_WAITING =
  'You stopped waiting for Microsoft. The reset was already sent and may still take effect, so the password is not shown. Reset again if the caller cannot sign in.';

export interface CallFlowState {
  view: CallView | null;
  /** Latest challenge per option id ("knowledge" for the questions). */
  challenges: Record<string, ChallengeView>;
  /** The last refusal per option id or step ("run", "close", a secretId…), shown beside it. */
  errors: Record<string, ResultError>;
  /** Which step is waiting for main (an option id, "run", a secretId, "close"). */
  busy: string | null;
  run: RunSummary | null;
  /** Revealed show-once values by secretId: visible until the call closes. */
  secrets: Record<string, RevealedSecret>;
  sent: Record<string, SentSecret>;
  outbox: Loadable<OutboxItem[]>;
  /** Codes sent in this call before this window took it over (a resumed call). */
  codesBefore: number;
  /** Since when (epoch ms) Microsoft's answer to the run is awaited (in flight, then followed); else null. */
  waitingSince: number | null;
  /** The password-writeback job following a pending reset (idle when none). */
  resetJob: JobFollow;
}

export interface CallSlice {
  call: CallFlowState;
  /** Takes over a call main just opened (from `openCaller`) or still held (a resumed call). */
  beginCall: (view: CallView, options?: { codesBefore?: number }) => void;
  /**
   * The open call's view once its methods and registration details are in (`call:get-methods`);
   * ignored when another call is open by then.
   */
  completeCall: (view: CallView) => void;
  startChallenge: (optionId: string) => Promise<void>;
  checkCode: (optionId: string, code: string) => Promise<boolean>;
  answerQuestion: (answer: string) => Promise<boolean>;
  /** Runs the chosen actions; a pending one (a synced user's password) is then followed to its end. */
  runActions: (actions: ResetActionRequest[]) => Promise<void>;
  /** Stops following a pending reset (main records its outcome as unknown; the password is not shown). */
  stopWaiting: () => Promise<void>;
  revealSecret: (secretId: string) => Promise<void>;
  sendSecret: (secretId: string, via: 'sms' | 'email') => Promise<void>;
  closeCall: (input: { outcome: CallOutcome; ticketRef?: string; notes?: string }) => Promise<boolean>;
  /** Forgets the call without telling main (sign-out; main drops its calls with the session). */
  dropCall: () => void;
  loadOutbox: () => Promise<void>;
  /** Strength of a password the agent types; the typed value goes to main only to be scored. */
  checkPassword: (password: string) => Promise<PasswordCheck>;
}

const initialCall: CallFlowState = {
  view: null,
  challenges: {},
  errors: {},
  busy: null,
  run: null,
  secrets: {},
  sent: {},
  outbox: idle,
  codesBefore: 0,
  waitingSince: null,
  resetJob: { status: 'idle' },
};

/** The run with its pending reset replaced by how the job following it ended. */
export function settledRun(run: RunSummary, follow: JobFollow): RunSummary {
  const results = run.results.map((r) => {
    if (r.kind !== 'resetPassword' || r.status !== 'pending') return r;
    const base = { kind: r.kind } as const;
    switch (follow.status) {
      case 'done': {
        const result = follow.job.result;
        if (result?.type !== 'password') return r;
        return {
          ...base,
          status: 'done' as const,
          message: result.message,
          secretId: result.secretId,
          audit: result.audit,
        };
      }
      case 'failed':
        return { ...base, status: 'failed' as const, message: follow.error.message, errorCode: follow.error.code };
      case 'cancelled':
        return { ...base, status: 'failed' as const, message: STOPPED_WAITING, errorCode: 'outcome_unknown' };
      case 'idle':
      case 'running':
        return r;
      default:
        return assertNever(follow, 'reset job');
    }
  });
  return { ...run, results, complete: results.every((r) => r.status === 'done') };
}

const KNOWLEDGE = 'knowledge';

export const createCallSlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], CallSlice> =>
  (set, get) => {
    const patch = (changes: Partial<CallFlowState>) => set((s) => ({ call: { ...s.call, ...changes } }));
    const setError = (key: string, error: ResultError | null) =>
      set((s) => {
        const errors = { ...s.call.errors };
        if (error === null) delete errors[key];
        else errors[key] = error;
        return { call: { ...s.call, errors } };
      });
    // The job following a pending reset; dismissed (no longer followed here) when the call is replaced or dropped.
    const resetJob = createJobFollower({
      jobs: () => api().jobs,
      events: api,
      state: () => get().call.resetJob,
      show: (state) => patch({ resetJob: state }),
    });
    const stopFollowing = () => resetJob.dismiss();

    /** Runs one step against the current call; answers for a call closed meanwhile are dropped. */
    async function step<T>(key: string, work: (callId: string) => Promise<Result<T>>): Promise<T | undefined> {
      const callId = get().call.view?.callId;
      if (callId === undefined) return undefined;
      patch({ busy: key });
      setError(key, null);
      const result = await settle(() => work(callId));
      const current = get().call.view?.callId === callId;
      if (current && !result.ok) setError(key, result.error);
      if (get().call.busy === key) patch({ busy: null });
      return current && result.ok ? result.value : undefined;
    }

    const withChallenge = (key: string, challenge: ChallengeView) =>
      set((s) => ({ call: { ...s.call, challenges: { ...s.call.challenges, [key]: challenge } } }));

    /** Follows the run's pending reset to its end, then shows the run as it ended. */
    const followRun = async (callId: string, summary: RunSummary) => {
      stopFollowing();
      const jobId = summary.results.find((r) => r.status === 'pending')?.jobId;
      if (jobId === undefined) return;
      // Main started the job: following it starts with reading it.
      const end = await resetJob.follow(() => api().jobs.get({ jobId }));
      if (get().call.view?.callId !== callId || end.status === 'idle' || end.status === 'running') return;
      patch({ waitingSince: null });
      // Reading the job failed (not the reset): said beside the run, which stays as main last answered.
      if (end.status === 'failed' && (end.job === null || !isFinal(end.job.state))) return setError('run', end.error);
      const run = get().call.run;
      if (run) patch({ run: settledRun(run, end) });
    };

    return {
      call: initialCall,

      beginCall: (view, options) => {
        stopFollowing();
        // Questions start only when the agent asks one: looking at a caller records nothing (call/service.ts).
        set((s) => ({ call: { ...initialCall, outbox: s.call.outbox, view, codesBefore: options?.codesBefore ?? 0 } }));
      },

      completeCall: (view) => set((s) => (s.call.view?.callId === view.callId ? { call: { ...s.call, view } } : {})),

      startChallenge: async (optionId) => {
        const option = get().call.view?.verification.options.find((o) => o.id === optionId);
        if (option === undefined) return;
        const challenge = await step(optionId, (callId) =>
          api().verify.startChallenge(
            option.type === 'knowledge' ? { callId, type: option.type } : { callId, type: option.type, optionId },
          ),
        );
        if (challenge !== undefined) withChallenge(optionId, challenge);
      },

      checkCode: async (optionId, code) => {
        const challenge = get().call.challenges[optionId];
        if (challenge === undefined) return false;
        const answer = await step(optionId, (callId) =>
          api().verify.checkCode({ callId, challengeId: challenge.challengeId, code }),
        );
        if (answer === undefined) return false;
        withChallenge(optionId, answer.challenge);
        set((s) => ({
          call: { ...s.call, view: s.call.view && { ...s.call.view, verification: answer.verification } },
        }));
        return true;
      },

      answerQuestion: async (text) => {
        const challenge = get().call.challenges[KNOWLEDGE];
        const questionId = challenge?.question?.id;
        if (challenge === undefined || questionId === undefined) return false;
        const answer = await step(KNOWLEDGE, (callId) =>
          api().verify.answerQuestion({ callId, challengeId: challenge.challengeId, questionId, answer: text }),
        );
        if (answer === undefined) return false;
        withChallenge(KNOWLEDGE, answer.challenge);
        set((s) => ({
          call: { ...s.call, view: s.call.view && { ...s.call.view, verification: answer.verification } },
        }));
        return true;
      },

      runActions: async (actions) => {
        const callId = get().call.view?.callId;
        if (callId === undefined) return;
        // Main may wait for Microsoft (a synced user's writeback) before it answers: shown as it goes.
        const started = Date.now();
        patch({ waitingSince: started });
        const summary = await step('run', (id) => api().reset.run({ callId: id, actions }));
        if (get().call.view?.callId !== callId) return;
        if (summary === undefined) return patch({ waitingSince: null });
        const pending = summary.results.some((r) => r.status === 'pending');
        patch({ run: summary, waitingSince: pending ? started : null });
        if (pending) void followRun(callId, summary);
      },

      stopWaiting: async () => {
        await resetJob.cancel();
        const run = get().call.run;
        const state = get().call.resetJob;
        // Cancelled (or ended meanwhile): the run shows how; a refused cancel shows beside the run.
        if (state.status === 'failed' && state.job === null) return setError('run', state.error);
        if (run) patch({ run: settledRun(run, state), waitingSince: null });
      },

      revealSecret: async (secretId) => {
        const secret = await step(secretId, (callId) => api().reset.revealSecret({ callId, secretId }));
        if (secret !== undefined)
          set((s) => ({ call: { ...s.call, secrets: { ...s.call.secrets, [secretId]: secret } } }));
      },

      sendSecret: async (secretId, via) => {
        const sent = await step(secretId, (callId) => api().reset.sendSecret({ callId, secretId, via }));
        if (sent !== undefined) set((s) => ({ call: { ...s.call, sent: { ...s.call.sent, [secretId]: sent } } }));
      },

      closeCall: async (input) => {
        const name = get().call.view?.card.user.displayName ?? '';
        const closed = await step('close', (callId) => api().call.close({ callId, ...input }));
        if (closed === undefined) return false;
        get().dropCall();
        get().callClosed({ name, outcome: input.outcome });
        return true;
      },

      dropCall: () => {
        stopFollowing();
        // Replacing the whole object drops every revealed value with it.
        set((s) => ({ call: { ...initialCall, outbox: s.call.outbox } }));
      },

      // Main checks it against the open call's caller (name, user name, email address).
      checkPassword: (password) => call(api().reset.checkPassword({ callId: get().call.view?.callId ?? '', password })),

      loadOutbox: async () => {
        await track(patch, 'outbox', () => api().demo.listOutbox({ limit: 50 }));
      },
    };
  };

export { KNOWLEDGE };
