// Knowledge questions from directory attributes: normalised comparison (case, spacing, punctuation,
// diacritics), month-and-year answers in several forms, and the pass/fail rules of a check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerMatches,
  buildQuestions,
  KnowledgeCheck,
  normaliseAnswer,
  normaliseMonth,
  type KnowledgeFacts,
} from '../../../src/main/core/verify/knowledge';

const FACTS: KnowledgeFacts = {
  employeeId: 'E104211',
  employeeHireDate: '2019-03-14T00:00:00Z',
};

const q = (id: string) => buildQuestions(FACTS).find((x) => x.id === id)!;

describe('knowledge answers', () => {
  it('builds one question per known attribute members cannot read by default, with nothing of the answer in its text', () => {
    const qs = buildQuestions(FACTS);
    // Department, office and manager are public to every member (users-default-permissions.md): never asked.
    expect(qs.map((x) => x.id)).toEqual(['employee-id', 'hire-month']);
    for (const x of qs) for (const a of x.accepted) expect(normaliseAnswer(x.text)).not.toContain(a);
    expect(buildQuestions({ employeeId: 'E12', employeeHireDate: null })).toEqual([]);
  });

  it('ignores case, spacing, punctuation and diacritics', () => {
    expect(normaliseAnswer('  Research & Développement ')).toBe('research developpement');
    expect(normaliseAnswer('ZOË MÜLLER-LÜDENSCHEIDT')).toBe('zoe muller ludenscheidt');
    expect(answerMatches(q('employee-id'), ' 4211. ')).toBe(true);
  });

  it('takes the last four digits of the employee id, and only those', () => {
    expect(answerMatches(q('employee-id'), '4211')).toBe(true);
    expect(answerMatches(q('employee-id'), ' 42-11 ')).toBe(false);
    expect(answerMatches(q('employee-id'), '104211')).toBe(false);
  });

  it('reads a month and year however it is said', () => {
    for (const said of ['March 2019', 'mar 2019', '03/2019', '3 2019', '2019-03', 'märz 2019'.replace('ä', 'a')]) {
      expect([said, normaliseMonth(said)]).toEqual([said, said === 'marz 2019' ? null : '2019-03']);
    }
    expect(answerMatches(q('hire-month'), 'March 2019')).toBe(true);
    expect(answerMatches(q('hire-month'), 'April 2019')).toBe(false);
    expect(normaliseMonth('13/2019')).toBeNull();
    expect(normaliseMonth('')).toBeNull();
  });

  it('never accepts an empty answer', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\s.,;:!?-]*$/), (blank) => {
        for (const x of buildQuestions(FACTS)) expect(answerMatches(x, blank)).toBe(false);
      }),
    );
  });

  it('normalising twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseAnswer(normaliseAnswer(s))).toBe(normaliseAnswer(s));
      }),
    );
  });
});

describe('a knowledge check', () => {
  function answerAll(check: KnowledgeCheck, right: (id: string) => boolean): string[] {
    const results: string[] = [];
    for (let i = 0; i < 5 && check.current; i++) {
      const cur = check.current;
      const x = q(cur.id);
      const given = right(cur.id) ? (x.id === 'hire-month' ? 'March 2019' : x.accepted[0]!) : 'no idea';
      results.push(check.answer(cur.id, given));
    }
    return results;
  }

  it('passes on two correct answers', () => {
    const check = new KnowledgeCheck(buildQuestions(FACTS));
    expect(answerAll(check, () => true)).toEqual(['correct-continue', 'passed']);
    expect(check.status).toBe('passed');
  });

  it('fails once two correct answers are out of reach, and asks nothing more', () => {
    const check = new KnowledgeCheck(buildQuestions(FACTS));
    expect(answerAll(check, () => false)).toEqual(['failed']);
    expect(check.current).toBeNull();
    expect(check.answer('hire-month', 'x')).toBe('failed');
  });

  it('allows one mistake in three', () => {
    const three = [...buildQuestions(FACTS), { id: 'employee-id' as const, text: 'Again?', accepted: ['4211'] }];
    const check = new KnowledgeCheck(three);
    let n = 0;
    expect(answerAll(check, () => n++ !== 0)).toEqual(['incorrect', 'correct-continue', 'passed']);
  });

  it('refuses an answer to a question not asked', () => {
    const check = new KnowledgeCheck(buildQuestions(FACTS));
    const other = buildQuestions(FACTS).find((x) => x.id !== check.current!.id)!;
    expect(check.answer(other.id, other.accepted[0]!)).toBe('wrong-question');
    expect(check.progress.asked).toBe(0);
  });

  it('needs at least two questions', () => {
    expect(
      () =>
        new KnowledgeCheck(
          buildQuestions({
            ...FACTS,
            employeeHireDate: null,
          }),
        ),
    ).toThrow(RangeError);
  });
});
