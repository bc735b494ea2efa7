// The pages origin: plain HTTP on 127.0.0.1, serving only what a person's browser opens (authorize,
// sign-in, password change, device login, logout, the home page), so a browser that does not trust
// the demo CA shows them without a certificate warning. Tokens, discovery, keys, device code, Graph,
// SMS and /demo/* stay on the HTTPS origin; here they are 404.
//
// Plain HTTP on loopback is only safe with two more checks, both here:
// - Host must name this listener (127.0.0.1:PORT or localhost:PORT). A page on another site whose
//   name it re-points at 127.0.0.1 (DNS rebinding) would otherwise read these pages, which list the
//   demo accounts' passwords. TLS stopped that on the HTTPS origin; on HTTP the Host check does.
// - A POST that carries an Origin must come from this origin (no cross-site sign-in posts).
import { sendHtml, type RequestContext, type Router } from './http';
import { messagePage } from './entra/pages';

export interface PagesGuard {
  /** Host header values that name this listener. */
  hosts: ReadonlySet<string>;
  /** Origin header values accepted on a POST. */
  origins: ReadonlySet<string>;
}

export function pagesGuard(port: number): PagesGuard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // A browser leaves the default port out of Host.
  if (port === 80) for (const h of ['127.0.0.1', 'localhost']) hosts.add(h);
  return {
    hosts,
    origins: new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`].map((o) => new URL(o).origin)),
  };
}

function header(ctx: RequestContext, name: 'host' | 'origin'): string | undefined {
  const v = ctx.req.headers[name];
  return typeof v === 'string' ? v.toLowerCase() : undefined;
}

/**
 * Answers (and returns true for) a request the pages listener must not serve: a foreign Host (421),
 * a cross-origin POST (403), or any path that is not a page (404, before any knob applies).
 */
export function refuseOnPagesOrigin(guard: PagesGuard, pages: Router, ctx: RequestContext): boolean {
  const host = header(ctx, 'host');
  if (!host || !guard.hosts.has(host)) {
    sendHtml(
      ctx,
      421,
      messagePage('Misdirected request', 'This server answers only for its own loopback address.', 'error'),
    );
    return true;
  }
  const origin = header(ctx, 'origin');
  if (ctx.method === 'POST' && origin !== undefined && !guard.origins.has(origin)) {
    sendHtml(ctx, 403, messagePage('Forbidden', 'Sign-in forms are accepted from this site only.', 'error'));
    return true;
  }
  const match = pages.match(ctx.method, ctx.url.pathname);
  if (!match) {
    sendHtml(ctx, 404, messagePage('Page not found', `Nothing at ${ctx.url.pathname}.`, 'error'));
    return true;
  }
  if ('methodMismatch' in match) {
    sendHtml(ctx, 405, messagePage('Method not allowed', `${ctx.method} is not allowed here.`, 'error'), {
      allow: 'GET, POST',
    });
    return true;
  }
  return false;
}
