// Drives the app's own AgentSession against a demo tenant the way an agent would: the interactive
// sign-in's "system browser" is a page client that posts the demo tenant's sign-in form, then follows
// the redirect to MSAL's loopback listener.
import { AgentSession } from '../../src/main/core/auth/session';
import type { TokenCacheFile } from '../../src/main/core/auth/tokenCache';
import { PageClient, readForm, type TestTenant } from '../integration/demo-tenant/identity-helpers';

/**
 * Knobs for a test that is not about throttling: Microsoft's documented windows (the reports service's
 * five requests per 10 s…) a hundred times shorter, so a test that opens several cards is not held
 * back 10 s by them. The rules stay on, and a session created afterwards scales the app's reports
 * budget to match.
 */
export const SHORT_WINDOWS = { throttlingTimeScale: 0.01 } as const;

export interface Credentials {
  upn: string;
  password: string;
}

export interface HarnessOptions {
  cacheFile?: TokenCacheFile;
  requests?: { method: string; url: string }[];
  /** Replaces the page-driving "browser": the test decides when (and whether) the sign-in completes. */
  openBrowser?: (url: string) => void;
  /**
   * The app's reports budget window scale; by default the tenant's `throttlingTimeScale` knob when the
   * session is created, so a test that shortens Microsoft's documented windows there (to not wait them
   * out) shortens the app's copy of them too.
   */
  graphTimeScale?: number;
  /** Called as each Graph request leaves (after it is counted in `requests`): a seam for tests. */
  onGraphRequest?: (method: string, url: string) => void;
}

/** A session whose "browser" signs in as whoever `who()` names at the moment the page opens. */
export function createSession(t: TestTenant, who: () => Credentials, options: HarnessOptions = {}): AgentSession {
  return new AgentSession({
    settings: () => ({ cloud: 'demo' }),
    startDemo: async () => t.tenant,
    openBrowser: async (url) => {
      if (options.openBrowser) return options.openBrowser(url);
      // Not awaited: MSAL waits for the loopback redirect only after openBrowser returns.
      void completeBrowserSignIn(t, url, who()).catch(() => undefined);
    },
    ...(options.cacheFile ? { cacheFile: () => options.cacheFile } : {}),
    ...(options.requests || options.onGraphRequest
      ? {
          onGraphRequest: (method: string, url: string) => {
            options.requests?.push({ method, url });
            options.onGraphRequest?.(method, url);
          },
        }
      : {}),
    graphTimeScale: options.graphTimeScale ?? t.tenant.knobs.get().throttlingTimeScale,
  });
}

export async function completeBrowserSignIn(t: TestTenant, authorizeUrl: string, who: Credentials): Promise<void> {
  const page = new PageClient(t);
  let html = await (await page.get(authorizeUrl)).text();
  // Entra may answer /authorize straight back to the app (an error such as consent_required).
  if (!html.includes('id="form-post"')) {
    const form = readForm(html, 'signin-form');
    const res = await page.post(form.action, { ...form.fields, username: who.upn, password: who.password });
    html = await res.text();
    if (res.status !== 200 || !html.includes('id="form-post"')) throw new Error(`sign-in page answered ${res.status}`);
  }
  // msal-node asks for response_mode=form_post: the page auto-posts the answer to MSAL's loopback
  // listener (plain HTTP on localhost), which a browser would do and this does by hand.
  const back = readForm(html, 'form-post');
  await fetch(back.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(back.fields).toString(),
  });
}

export function agentByLabel(t: TestTenant, label: string): Credentials & { roles: string[]; userId: string } {
  const agent = t.tenant.directory.agents.find((a) => a.label === label);
  if (!agent) throw new Error(`no demo agent ${label}`);
  return agent;
}

/** The keychain stand-in (test/support/aesSealer.ts). */
export { aesSealer as aesEncryptor } from './aesSealer';
