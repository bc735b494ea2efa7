// A fresh browser host on a temp data folder for each test, started in this process from source; and,
// for tests that sign in, the host's demo tenant started up front and the app open in a page.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
// Loaded here, through Playwright's TypeScript loader, so the runtime's lazy `import()` of the demo
// tenant finds it already loaded (Node's own loader cannot read the .ts source).
import * as demoTenantModule from '../../src/demo-tenant/server';
import type { DemoAgentAccount, DemoTenant } from '../../src/demo-tenant/server';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from '../../src/main/browser-host';
import { setLogSink } from '../../src/main/core/log';

// The host's own logs stay out of the test report unless asked for.
if (process.env.RESETLINE_TEST_LOGS !== '1') setLogSink(() => undefined, 'error');

/**
 * Microsoft's documented throttling windows (the reports service's five requests per 10 s…) in every
 * test, ten times shorter on both sides (the demo tenant's knob and the app's reports budget): the
 * rules and their shape stay, but a test that opens a few cards or reads a report does not wait out
 * 10-second windows. A test about a window's length sets its own `throttlingTimeScale` (1 = as documented).
 */
export const THROTTLING_TIME_SCALE = 0.1;

export interface HostFixture {
  /** A fresh one-time address on every read: each opens the app once, as the printed one does. */
  readonly url: string;
  port: number;
  origin: string;
  /** A session key for the test's own calls (the page trades its address's token for another). */
  secret: string;
  dataDir: string;
  host: BrowserHost;
}

export interface DemoFixture {
  tenant: DemoTenant;
  context: BrowserContext;
  /** The app, already open at the host's one-time URL. */
  page: Page;
  /** A demo agent by the role names the sign-in page lists ("Helpdesk Administrator"). */
  agent: (roleName: string) => DemoAgentAccount;
}

export const test = base.extend<
  {
    host: HostFixture;
    demo: DemoFixture;
    /**
     * The demo tenant's options for this test (`test.use({ demoTenantOptions: { cloud: 'china' } })`).
     * Its `knobs.throttlingTimeScale` is THROTTLING_TIME_SCALE unless the test sets one.
     */
    demoTenantOptions: BrowserHostOptions['demoTenant'] | undefined;
    /** The app's reports budget window scale; by default the demo tenant's `knobs.throttlingTimeScale`. */
    graphTimeScale: number | undefined;
  },
  {
    /** A demo tenant data folder holding only its keys (CA, server, token signing, SMS), made once per worker. */
    demoTenantKeys: string;
  }
>({
  demoTenantOptions: [undefined, { option: true }],
  graphTimeScale: [undefined, { option: true }],
  // Generating the demo tenant's keys (the RSA token signing key above all) is most of its start: each
  // worker makes them once, through a real start of the demo tenant, and each test's data folder gets a
  // copy. The directory, ports, tokens and everything else stay the test's own.
  demoTenantKeys: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern.
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'resetline-e2e-keys-'));
      try {
        const keys = join(dir, 'demo-tenant');
        await (await demoTenantModule.startDemoTenant({ dataDir: keys })).stop();
        await use(keys);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],
  host: async ({ demoTenantOptions, graphTimeScale, demoTenantKeys }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'resetline-e2e-'));
    // The runtime starts its demo tenant in <data folder>/demo-tenant (core/runtime.ts).
    cpSync(demoTenantKeys, join(dataDir, 'demo-tenant'), { recursive: true });
    const scale = demoTenantOptions?.knobs?.throttlingTimeScale ?? THROTTLING_TIME_SCALE;
    const host = await startBrowserHost({
      dataDir,
      rendererDir: resolve(process.env.RESETLINE_OUT_DIR ?? 'out', 'renderer'),
      // The demo workspace's rows stay in memory unless a test names a file (never the app's shared one).
      demoTenant: {
        monitorWorkspaceFile: null,
        ...demoTenantOptions,
        knobs: { ...demoTenantOptions?.knobs, throttlingTimeScale: scale },
      },
      graphTimeScale: graphTimeScale ?? scale,
    });
    try {
      await use({
        get url() {
          return host.newUrl();
        },
        port: host.port,
        origin: host.origin,
        secret: host.secret,
        dataDir,
        host,
      });
    } finally {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },

  demo: async ({ host, page, context }, use) => {
    expect(typeof demoTenantModule.startDemoTenant).toBe('function');
    // restore() connects the session, which starts the in-process demo tenant now rather than on the
    // first click (it stays signed out: the browser host keeps no token cache), so tests can read its
    // agents and origins.
    await host.host.runtime.session.restore();
    const tenant = host.host.runtime.demoTenant();
    if (tenant === undefined) throw new Error('The browser host did not start its demo tenant');
    // The pages a person's browser opens (authorize, sign-in, device login) are on the demo tenant's
    // plain-HTTP loopback origin, so the ordinary test browser needs no certificate exception at all.
    await openApp(page, host.url);
    const agent = (roleName: string) => {
      const found = tenant.agents.find((a) => a.roles.includes(roleName));
      if (found === undefined) throw new Error(`The demo tenant has no agent with the role ${roleName}`);
      return found;
    };
    await use({ tenant, context, page, agent });
  },
});

/**
 * Opens the app at a one-time address and waits for its frame: `goto` ends at the page's load event,
 * before React has drawn anything, and a shortcut pressed then reaches no listener (as no person could
 * press one before the window shows). The frame's keyboard shortcuts are live once its navigation shows.
 */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
}

/** The banner's signed-in agent group. */
export function agentBadge(page: Page) {
  return page.getByRole('banner').getByRole('group', { name: 'Signed-in agent' });
}

/**
 * Signs in for a test that is not about signing in: "Sign in with browser" in the app, then the demo
 * tenant's real sign-in page driven over HTTP from the test process instead of in a second tab. The
 * requests are the ones the tab sends (the authorize page, its form, the form_post back to MSAL's
 * loopback listener), so MSAL, its PKCE and listener, the demo tenant's checks and the app's own
 * sign-in work all run as they do for an agent; what is skipped is opening and drawing the tab, which
 * signin.spec.ts proves through `signInThroughBrowserTab`. Like a fresh browser, it carries no cookie:
 * the demo tenant's single sign-on session is never offered.
 */
export async function signInThroughDemoPage(demo: DemoFixture, account: DemoAgentAccount): Promise<void> {
  const { page } = demo;
  await page.getByRole('button', { name: 'Sign in with browser' }).click();
  const link = page.getByRole('link', { name: 'Open the Microsoft sign-in page' });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('href', new RegExp(`^${demo.tenant.pagesOrigin}/.+/oauth2/v2\\.0/authorize\\?`));
  const authorizeUrl = await link.getAttribute('href');
  if (authorizeUrl === null) throw new Error('The sign-in link has no address');

  const signInPage = await fetchPage(authorizeUrl);
  const signIn = formOf(signInPage, 'signin-form');
  signIn.fields.set('username', account.upn);
  signIn.fields.set('password', account.password);
  // The demo tenant answers the form with a page that posts the code to MSAL's loopback listener
  // (response_mode=form_post), or with a redirect there (query): either way the browser follows it.
  const answer = await fetchPage(signIn.action, signIn.fields);
  let back: FetchedPage;
  if (answer.redirectedTo !== undefined) {
    back = await fetchPage(answer.redirectedTo);
  } else {
    const post = formOf(answer, 'form-post');
    back = await fetchPage(post.action, post.fields);
  }
  // MSAL's success template, served by its loopback listener once it has the code.
  expect(back.html, "the page MSAL's loopback listener answered").toContain('Signed in to Resetline');
  await expect(agentBadge(page)).toContainText(account.upn);
}

/**
 * Signs in the way an agent does: "Sign in with browser", then the link to the sign-in page (a new
 * tab, opened by the click), the demo tenant's real form, and back to the app once MSAL's loopback
 * listener has the code. For the tests about signing in; the others use `signInThroughDemoPage`.
 */
export async function signInThroughBrowserTab(demo: DemoFixture, account: DemoAgentAccount): Promise<void> {
  const { page, context } = demo;
  await page.getByRole('button', { name: 'Sign in with browser' }).click();
  const link = page.getByRole('link', { name: 'Open the Microsoft sign-in page' });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('href', new RegExp(`^${demo.tenant.pagesOrigin}/.+/oauth2/v2\\.0/authorize\\?`));
  const opened = context.waitForEvent('page');
  await link.click();
  const signInPage = await opened;
  await signInPage.fill('#username', account.upn);
  await signInPage.fill('#password', account.password);
  await signInPage.click('#submit');
  // MSAL's success template, served by its loopback listener after the page posted the code to it.
  await expect(signInPage.getByRole('heading', { name: 'Signed in to Resetline' })).toBeVisible();
  await signInPage.close();
  await expect(agentBadge(page)).toContainText(account.upn);
}

interface FetchedPage {
  url: string;
  html: string;
  /** Where a redirect pointed (it is followed by the caller, as a browser would). */
  redirectedTo?: string;
}

/** A GET, or with `form` a POST of it as a browser submits a form; a page that is not 200 or a redirect fails. */
async function fetchPage(url: string, form?: URLSearchParams): Promise<FetchedPage> {
  const response = await fetch(url, {
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
    ...(form ? { method: 'POST', body: form } : {}),
  });
  const html = await response.text();
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location !== null) {
    return { url, html, redirectedTo: new URL(location, url).href };
  }
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}:\n${html}`);
  return { url, html };
}

/** The form with this id on a page: its absolute action and its inputs' names and values. */
function formOf(page: FetchedPage, id: string): { action: string; fields: URLSearchParams } {
  const form = new RegExp(`<form\\b([^>]*\\bid="${id}"[^>]*)>([\\s\\S]*?)</form>`).exec(page.html);
  const action = form && /\baction="([^"]*)"/.exec(form[1] ?? '')?.[1];
  if (!form || action === undefined || action === null) {
    throw new Error(`${page.url} has no form #${id}; it showed:\n${page.html}`);
  }
  const fields = new URLSearchParams();
  for (const input of (form[2] ?? '').matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input[0])?.[1];
    if (name !== undefined) fields.set(unescapeHtml(name), unescapeHtml(/\bvalue="([^"]*)"/.exec(input[0])?.[1] ?? ''));
  }
  return { action: new URL(unescapeHtml(action), page.url).href, fields };
}

/** Undoes the escaping the demo tenant's pages apply to attribute values (numeric and the named entities). */
function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi,
    (_, dec?: string, hex?: string, name?: string) =>
      dec
        ? String.fromCharCode(Number(dec))
        : hex
          ? String.fromCharCode(parseInt(hex, 16))
          : (named[name!.toLowerCase()] ?? ''),
  );
}

export { expect };
