// The demo tenant's exhaustiveness check (it imports nothing from the app; src/shared/result.ts has the app's).

/** Ends a switch over a union: it compiles only when every member is handled, and throws if one slips through. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
