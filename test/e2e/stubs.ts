// Stand-ins for main's answers in specs that are about a screen, not about sign-in.
import type { Page } from '@playwright/test';

/**
 * Caller, History and Registration need a signed-in agent since issue 4. Specs about a screen (not
 * sign-in: signin.spec.ts signs in for real) replace main's session answer, and the one Graph-backed read
 * a screen makes by itself (Settings' policy), which main, really signed out, would answer with
 * signed_out and so send the page back to the sign-in screen.
 */
export async function actAsSignedIn(page: Page): Promise<void> {
  await page.route(`**/api/${encodeURIComponent('auth:get-session')}`, (route) =>
    route.fulfill({
      json: {
        ok: true,
        value: {
          status: 'signed-in',
          tenant: { mode: 'demo', cloud: 'demo', tenantId: 'screen-test-tenant', clientId: 'screen-test-client' },
          agent: {
            id: 'screen-test-agent',
            displayName: 'Screen Test Agent',
            userPrincipalName: 'agent@contoso.example',
            roles: [
              {
                templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
                key: 'helpdeskAdministrator',
                displayName: 'Helpdesk Administrator',
              },
            ],
            scopedRoles: [],
            grantedScopes: [],
            roleGaps: [],
          },
        },
      },
    }),
  );
  const never = { value: null, fetchedAt: null, error: null };
  await page.route(`**/api/${encodeURIComponent('policy:get')}`, (route) =>
    route.fulfill({
      json: {
        ok: true,
        value: {
          snapshot: { authMethods: never, tap: never, domains: never, licences: never, writeback: never },
          refreshing: false,
        },
      },
    }),
  );
  // Registration reads its snapshot from main on every visit: answer "no snapshot yet".
  const empty = { snapshot: null, total: 0, offset: 0, rows: [] };
  const registrationReads: Record<string, unknown> = {
    'registration:get-ingest': null,
    'registration:list': empty,
    'registration:password-age': {
      ...empty,
      counts: { expired: 0, expiring: 0, ok: 0, 'never-expires': 0, 'on-premises': 0 },
    },
    'registration:stats': {
      snapshot: null,
      total: 0,
      ssprCapable: 0,
      mfaCapable: 0,
      passwordlessCapable: 0,
      noMethods: 0,
      adminsWithoutPhishingResistant: 0,
      methods: [],
      departments: [],
      trend: [],
    },
    // Settings' permissions check reads the signed-in agent's token: none here, so nothing to check.
    'settings:get-permission-check': {
      cloud: 'Microsoft Graph (global)',
      grantedScopes: [],
      requested: [],
      features: [],
    },
  };
  for (const [channel, value] of Object.entries(registrationReads)) {
    await page.route(`**/api/${encodeURIComponent(channel)}`, (route) => route.fulfill({ json: { ok: true, value } }));
  }
}
