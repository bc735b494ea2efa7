// Knowledge questions built in main from directory attributes the caller should know. Only the
// question text crosses to the renderer; the expected answer stays here and is compared after
// normalising case, spacing, punctuation and diacritics.
//
// Only attributes outside what every member of the tenant sees are asked: the employee id and the
// hire date. Department, office and manager are NOT asked: members "read all public properties of
// users" and even guests "read manager and direct report information of other users"
// (MicrosoftDocs/entra-docs docs/fundamentals/users-default-permissions.md), and Microsoft 365 shows
// them on every profile card. The two kept are not in the basic profile every app may read
// (User.ReadBasic.All: names, mail, photo) and are "returned only on $select" (user resource page),
// but a member with an admin-consented app can still read them: so knowledge never counts as a check
// on its own (attempts.ts policyMet), and the card never shows them (cardFields.ts).
import { randomInt } from 'node:crypto';
import type { KnowledgeCheckState, KnowledgeQuestion, KnowledgeResult } from '../call/challenges';

export interface KnowledgeFacts {
  employeeId: string | null;
  /** ISO date or date-time. */
  employeeHireDate: string | null;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Lower case, no diacritics, punctuation as spaces, single spaces. */
export function normaliseAnswer(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "March 2021", "mar 2021", "03/2021", "2021-03", "3 2021" → "2021-03"; null if not a month and year. */
export function normaliseMonth(text: string): string | null {
  const parts = normaliseAnswer(text).split(' ').filter(Boolean);
  if (parts.length !== 2) return null;
  const yearIndex = parts.findIndex((p) => /^\d{4}$/.test(p));
  if (yearIndex < 0) return null;
  const year = parts[yearIndex]!;
  const m = parts[1 - yearIndex]!;
  let month: number;
  if (/^\d{1,2}$/.test(m)) month = Number(m);
  else {
    const found = MONTHS.findIndex((name) => m.length >= 3 && name.startsWith(m));
    if (found < 0) return null;
    month = found + 1;
  }
  if (month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function buildQuestions(facts: KnowledgeFacts): KnowledgeQuestion[] {
  const out: KnowledgeQuestion[] = [];
  const digits = (facts.employeeId ?? '').replace(/\D/g, '');
  if (digits.length >= 4) {
    out.push({
      id: 'employee-id',
      text: 'What are the last four digits of your employee ID?',
      accepted: [digits.slice(-4)],
    });
  }
  const hire = facts.employeeHireDate ? /^(\d{4})-(\d{2})/.exec(facts.employeeHireDate) : null;
  if (hire) {
    out.push({
      id: 'hire-month',
      text: 'In which month and year did you join the company?',
      accepted: [`${hire[1]}-${hire[2]}`],
    });
  }
  return out;
}

export function answerMatches(question: KnowledgeQuestion, answer: string): boolean {
  const given = question.id === 'hire-month' ? normaliseMonth(answer) : normaliseAnswer(answer);
  return given !== null && given !== '' && question.accepted.includes(given);
}

/**
 * Up to three questions in random order (two while only two attributes are asked); two correct answers pass. It fails as soon as two correct
 * answers are out of reach, and cannot be restarted in the same call (no fishing for the answers).
 */
export class KnowledgeCheck implements KnowledgeCheckState {
  readonly needed = 2;
  private index = 0;
  private correct = 0;
  private state: 'open' | 'passed' | 'failed' = 'open';
  private readonly questions: KnowledgeQuestion[];

  constructor(all: KnowledgeQuestion[]) {
    if (all.length < 2) throw new RangeError('A knowledge check needs at least two questions.');
    const pool = [...all];
    // Fisher–Yates with a CSPRNG: which questions come is not predictable from call to call.
    for (let i = pool.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    this.questions = pool.slice(0, 3);
  }

  get status(): 'open' | 'passed' | 'failed' {
    return this.state;
  }

  get current(): { id: string; text: string } | null {
    const q = this.state === 'open' ? this.questions[this.index] : undefined;
    return q ? { id: q.id, text: q.text } : null;
  }

  get progress(): { needed: number; correct: number; asked: number } {
    return { needed: this.needed, correct: this.correct, asked: this.index };
  }

  get attemptsLeft(): number {
    return this.state === 'open' ? this.questions.length - this.index : 0;
  }

  answer(questionId: string, answer: string): KnowledgeResult | 'wrong-question' {
    const q = this.questions[this.index];
    if (this.state !== 'open' || !q) return 'failed';
    if (q.id !== questionId) return 'wrong-question';
    this.index += 1;
    const right = answerMatches(q, answer);
    if (right) this.correct += 1;
    if (this.correct >= this.needed) {
      this.state = 'passed';
      return 'passed';
    }
    if (this.correct + (this.questions.length - this.index) < this.needed) {
      this.state = 'failed';
      return 'failed';
    }
    return right ? 'correct-continue' : 'incorrect';
  }
}
