// For the graph- integration tests: tokens for demo users by ROPC through the REAL msal-node, a REAL
// Graph client per user over TLS, and a compile-time check that asserted keys are documented properties.
import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { expect } from 'vitest';
import { DEFAULT_CONSENTED_SCOPES } from '../../../src/demo-tenant/entra/scopes';
import { createPca, graphClient, type TestTenant } from './identity-helpers';

/** The delegated scopes Resetline asks for: the demo registration's default consent (README's list). */
export const APP_SCOPES = [...DEFAULT_CONSENTED_SCOPES];

export async function tokenFor(
  t: TestTenant,
  upn: string,
  password: string,
  scopes: string[] = APP_SCOPES,
): Promise<string> {
  const r = await createPca(t).acquireTokenByUsernamePassword({ scopes, username: upn, password });
  if (!r?.accessToken) throw new Error(`no token for ${upn}`);
  return r.accessToken;
}

export async function clientFor(t: TestTenant, upn: string, password?: string, scopes?: string[]): Promise<Client> {
  const pw = password ?? t.tenant.agents.find((a) => a.upn === upn)?.password;
  if (!pw) throw new Error(`no password known for ${upn}`);
  const token = await tokenFor(t, upn, pw, scopes);
  return graphClient(t, () => Promise.resolve(token));
}

/**
 * Asserts an object carries exactly these properties (besides @odata.* annotations). The key list is
 * typed against the @microsoft/microsoft-graph-types interface, so a name Graph does not document
 * fails to compile.
 */
export function expectDocumentedShape<T>(obj: unknown, keys: readonly (keyof T & string)[]): asserts obj is T {
  expect(obj).toBeTypeOf('object');
  const own = Object.keys(obj as object).filter((k) => !k.startsWith('@odata.'));
  expect(own.sort()).toEqual([...keys].sort());
}

export const PASSWORD_METHOD = '28c10230-6103-485e-b985-444c60001490';

/** The error a Graph call failed with; fails the test if the call succeeded. */
export async function caught(p: Promise<unknown>): Promise<GraphError> {
  return (await p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  )) as GraphError;
}
