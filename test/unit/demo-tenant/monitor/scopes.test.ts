// The demo's token endpoint issues Azure Monitor tokens for `<resource>/.default` and `<resource>//.default`,
// one resource per request as Entra does (AADSTS28000).
import { describe, expect, it } from 'vitest';
import { EntraError } from '../../../../src/demo-tenant/entra/errors';
import { DEFAULT_CONSENTED_SCOPES, resolveScopes } from '../../../../src/demo-tenant/entra/scopes';

describe('Azure Monitor scopes', () => {
  it('gives the ingestion and query audiences their own token', () => {
    expect(resolveScopes('https://monitor.azure.com//.default offline_access', DEFAULT_CONSENTED_SCOPES, 'c')).toEqual({
      graph: [],
      oidc: ['offline_access'],
      resource: {
        audience: 'https://monitor.azure.com',
        permissions: ['user_impersonation'],
        asked: ['https://monitor.azure.com//.default'],
      },
    });
    expect(resolveScopes('https://api.loganalytics.io/.default', DEFAULT_CONSENTED_SCOPES, 'c').resource).toMatchObject(
      {
        audience: 'https://api.loganalytics.io',
        permissions: ['Data.Read'],
      },
    );
  });

  it('refuses two resources in one request', () => {
    for (const scope of [
      'https://monitor.azure.com//.default https://api.loganalytics.io/.default',
      'https://monitor.azure.com//.default User.Read.All',
    ]) {
      const err = (() => {
        try {
          resolveScopes(scope, DEFAULT_CONSENTED_SCOPES, 'c');
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(EntraError);
      expect((err as Error).message).toMatch(/AADSTS28000/);
    }
  });
});
