// What a call holds of its verification, as the call's own types: the challenges under way and the
// knowledge questions it opened with. core/verify implements them (`CodeChallenge` in verify/codes.ts,
// `KnowledgeCheck` and `buildQuestions` in verify/knowledge.ts) and acts on them within the call; the
// call only keeps them and forgets them when it closes, so core/call imports nothing of core/verify.

/** Where a code challenge stands: an open one past its lifetime is expired. */
export type CodeStatus = 'open' | 'passed' | 'locked' | 'expired';

/** What checking a code answers. */
export type CodeCheck = 'passed' | 'incorrect' | 'locked' | 'expired';

/** A code sent to the caller, kept only as its hash, with its lifetime, attempts and resend cool-down. */
export interface CodeChallengeState {
  readonly status: CodeStatus;
  readonly expiresAt: number;
  readonly canResendAt: number;
  readonly attemptsLeft: number;
  /** A fresh code (the old one stops working); the one plain copy, to be sent and dropped. */
  resend(): string;
  check(code: string): CodeCheck;
}

export type QuestionKind = 'employee-id' | 'hire-month';

/** A question from the caller's directory record. */
export interface KnowledgeQuestion {
  id: QuestionKind;
  text: string;
  /** Normalised accepted answers. Never leaves main. */
  accepted: string[];
}

/** What answering a knowledge question answers. */
export type KnowledgeResult = 'correct-continue' | 'passed' | 'incorrect' | 'failed';

/** The knowledge questions asked in a call, with how many were answered and right. */
export interface KnowledgeCheckState {
  readonly status: 'open' | 'passed' | 'failed';
  /** The question to ask now (its text only), or null once the check is over. */
  readonly current: { id: string; text: string } | null;
  readonly progress: { needed: number; correct: number; asked: number };
  readonly attemptsLeft: number;
  answer(questionId: string, answer: string): KnowledgeResult | 'wrong-question';
}
