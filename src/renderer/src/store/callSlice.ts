// The open call: the CallView from main, the challenges sent in it, the actions run, and the
// show-once secrets revealed. Held in memory only (never persisted) and dropped whole when the call
// closes, so a revealed password cannot outlive the call that produced it.
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
import type { ResultError } from '../../../shared/result';
import { call, idle, loading, toResultError, type Loadable } from './loadable';
import type { Store } from './types';

/** How often a pending (synced user) password reset is asked about again. */
export const OPERATION_POLL_MS = 1500;

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
}

export interface CallSlice {
  call: CallFlowState;
  /** Takes over a call main just opened (from `openCaller`). */
  beginCall: (view: CallView) => void;
  startChallenge: (optionId: string) => Promise<void>;
  checkCode: (optionId: string, code: string) => Promise<boolean>;
  answerQuestion: (answer: string) => Promise<boolean>;
  runActions: (actions: ResetActionRequest[]) => Promise<void>;
  pollOperation: () => Promise<void>;
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
};

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
    let pollTimer: ReturnType<typeof setTimeout> | undefined;

    /** Runs one step against the current call; answers for a call closed meanwhile are dropped. */
    async function step<T>(key: string, work: (callId: string) => Promise<T>): Promise<T | undefined> {
      const callId = get().call.view?.callId;
      if (callId === undefined) return undefined;
      patch({ busy: key });
      setError(key, null);
      try {
        const value = await work(callId);
        return get().call.view?.callId === callId ? value : undefined;
      } catch (error) {
        if (get().call.view?.callId === callId) setError(key, toResultError(error));
        return undefined;
      } finally {
        if (get().call.busy === key) patch({ busy: null });
      }
    }

    const withChallenge = (key: string, challenge: ChallengeView) =>
      set((s) => ({ call: { ...s.call, challenges: { ...s.call.challenges, [key]: challenge } } }));

    const schedulePoll = (summary: RunSummary) => {
      clearTimeout(pollTimer);
      if (summary.results.some((r) => r.status === 'pending'))
        pollTimer = setTimeout(() => void get().pollOperation(), OPERATION_POLL_MS);
    };

    return {
      call: initialCall,

      beginCall: (view) => {
        clearTimeout(pollTimer);
        set((s) => ({ call: { ...initialCall, outbox: s.call.outbox, view } }));
        // Asking questions sends nothing to anyone, so they are ready at once: one click fewer per call.
        if (view.verification.options.some((o) => o.id === KNOWLEDGE) && view.eligibility.resetPassword.allowed)
          void get().startChallenge(KNOWLEDGE);
      },

      startChallenge: async (optionId) => {
        const option = get().call.view?.verification.options.find((o) => o.id === optionId);
        if (option === undefined) return;
        const challenge = await step(optionId, (callId) =>
          call(
            api().verify.startChallenge(
              option.type === 'knowledge' ? { callId, type: option.type } : { callId, type: option.type, optionId },
            ),
          ),
        );
        if (challenge !== undefined) withChallenge(optionId, challenge);
      },

      checkCode: async (optionId, code) => {
        const challenge = get().call.challenges[optionId];
        if (challenge === undefined) return false;
        const answer = await step(optionId, (callId) =>
          call(api().verify.checkCode({ callId, challengeId: challenge.challengeId, code })),
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
          call(api().verify.answerQuestion({ callId, challengeId: challenge.challengeId, questionId, answer: text })),
        );
        if (answer === undefined) return false;
        withChallenge(KNOWLEDGE, answer.challenge);
        set((s) => ({
          call: { ...s.call, view: s.call.view && { ...s.call.view, verification: answer.verification } },
        }));
        return true;
      },

      runActions: async (actions) => {
        const summary = await step('run', (callId) => call(api().reset.run({ callId, actions })));
        if (summary === undefined) return;
        patch({ run: summary });
        schedulePoll(summary);
      },

      pollOperation: async () => {
        const callId = get().call.view?.callId;
        if (callId === undefined) return;
        try {
          const summary = await call(api().reset.pollOperation({ callId }));
          if (get().call.view?.callId !== callId) return;
          patch({ run: summary });
          schedulePoll(summary);
        } catch (error) {
          if (get().call.view?.callId === callId) setError('run', toResultError(error));
        }
      },

      revealSecret: async (secretId) => {
        const secret = await step(secretId, (callId) => call(api().reset.revealSecret({ callId, secretId })));
        if (secret !== undefined)
          set((s) => ({ call: { ...s.call, secrets: { ...s.call.secrets, [secretId]: secret } } }));
      },

      sendSecret: async (secretId, via) => {
        const sent = await step(secretId, (callId) => call(api().reset.sendSecret({ callId, secretId, via })));
        if (sent !== undefined) set((s) => ({ call: { ...s.call, sent: { ...s.call.sent, [secretId]: sent } } }));
      },

      closeCall: async (input) => {
        const closed = await step('close', (callId) => call(api().call.close({ callId, ...input })));
        if (closed === undefined) return false;
        get().dropCall();
        get().closeCaller();
        return true;
      },

      dropCall: () => {
        clearTimeout(pollTimer);
        // Replacing the whole object drops every revealed value with it.
        set((s) => ({ call: { ...initialCall, outbox: s.call.outbox } }));
      },

      checkPassword: (password) => call(api().reset.checkPassword({ password })),

      loadOutbox: async () => {
        patch({ outbox: loading });
        try {
          patch({ outbox: { status: 'ready', value: await call(api().demo.listOutbox({ limit: 50 })) } });
        } catch (error) {
          patch({ outbox: { status: 'error', error: toResultError(error) } });
        }
      },
    };
  };

export { KNOWLEDGE };
