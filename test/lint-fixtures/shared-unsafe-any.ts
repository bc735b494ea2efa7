// Lint fixture: type-aware rules must refuse an `any` used as if it were known (src/shared).
export function leak(raw: string): string {
  const parsed = JSON.parse(raw);
  return parsed.name;
}
