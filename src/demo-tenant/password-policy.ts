// Entra's cloud password rules, shared by Graph (admin resets) and the identity side (forced change
// on the sign-in page): 8–256 characters, 3 of 4 character classes, and the banned-password check.

export type PasswordProblem = 'complexity' | 'banned';

/**
 * Microsoft's banned-password evaluation: normalise (lower-case, common substitutions), then every
 * banned term found scores 1 point and every other character 1 point; fewer than 5 points is banned.
 * The list is a tiny stand-in for the global list plus the tenant's custom terms.
 */
const BANNED_TERMS = [
  'password',
  'passw0rd',
  'welcome',
  'letmein',
  'qwerty',
  'contoso',
  'resetline',
  'admin',
  'changeme',
  'iloveyou',
  'monkey',
  'dragon',
  'summer',
  'winter',
  'spring',
  'autumn',
  '123456',
];

const SUBSTITUTIONS: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

function normalise(pw: string): string {
  return [...pw.toLowerCase()].map((c) => SUBSTITUTIONS[c] ?? c).join('');
}

export function isBannedPassword(pw: string): boolean {
  // Terms and password go through the same normalisation, so "P@ssw0rd" and "password" meet.
  let rest = normalise(pw);
  let points = 0;
  for (const term of BANNED_TERMS) {
    const t = normalise(term);
    while (rest.includes(t)) {
      rest = rest.replace(t, '');
      points += 1;
    }
  }
  if (points === 0) return false;
  return points + rest.length < 5;
}

export function meetsComplexity(pw: string): boolean {
  if (pw.length < 8 || pw.length > 256) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
  return classes >= 3;
}

/** undefined when acceptable; otherwise which rule it breaks (complexity is checked first, as Entra does). */
export function validateNewPassword(pw: string): PasswordProblem | undefined {
  if (!meetsComplexity(pw)) return 'complexity';
  if (isBannedPassword(pw)) return 'banned';
  return undefined;
}
