// What the renderer may see of the attributes the knowledge questions ask (knowledge.ts): the answer
// must not be on the agent's screen before the question is asked, or the check proves nothing. The
// employee id keeps everything but its last four digits (the agent can still match it to a ticket);
// the hire date is not shown at all. Main keeps the full values for the questions. The Graph gateway
// answers what Graph returned; these are applied where a card or a search leaves main (call/service.ts,
// the users:* handlers).
import type { CallerCard, UserSearchResult, UserSummary } from '../../../shared/users';

/** "E100003" → "E10••••": the last four digits, the ones asked, masked. */
export function maskEmployeeId(employeeId: string | null): string | null {
  if (employeeId === null) return null;
  let left = 4;
  const chars = [...employeeId];
  for (let i = chars.length - 1; i >= 0 && left > 0; i--) {
    if (/\d/.test(chars[i]!)) {
      chars[i] = '•';
      left -= 1;
    }
  }
  return chars.join('');
}

/** A search hit without the employee id's asked digits. */
export function withholdFromSummary<T extends UserSummary>(user: T): T {
  return { ...user, employeeId: maskEmployeeId(user.employeeId) };
}

/** A search's answer as the renderer gets it: every hit without the asked digits. */
export function withholdFromSearch(result: UserSearchResult): UserSearchResult {
  return { ...result, users: result.users.map(withholdFromSummary) };
}

/** The card as the renderer gets it: no answer to a knowledge question on it. */
export function withholdKnowledgeAnswers(card: CallerCard): CallerCard {
  return { ...card, user: { ...withholdFromSummary(card.user), employeeHireDate: null } };
}
