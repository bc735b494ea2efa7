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
        value: { snapshot: { authMethods: never, tap: never, domains: never, licences: never }, refreshing: false },
      },
    }),
  );
}
