// A list of delegated scopes of which any one satisfies a rule; compared case-insensitively, as
// Entra compares scope names.

export type ScopeGrant = readonly string[];

export function grantsAny(granted: readonly string[], anyOf: ScopeGrant): boolean {
  const g = new Set(granted.map((s) => s.toLowerCase()));
  return anyOf.some((s) => g.has(s.toLowerCase()));
}
