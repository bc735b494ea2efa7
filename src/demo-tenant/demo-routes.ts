// Demo-only routes beside the Microsoft protocols: the outbox and the knobs over HTTP (for an app or
// a test talking to a tenant started with the CLI, in another process), and a home page.
import { escapeHtml as e, HttpError, readJson, sendGraphError, sendJson, type RequestContext } from './http';
import { KNOWN_GRAPH_SCOPES } from './entra/scopes';
import { InvalidKnobsError, type KnobStore, type KnobsPatch } from './knobs';
import type { DemoDirectory } from './model';
import { sendUnauthorized } from './serve-graph';
import type { TokenService } from './tokens';
import { z } from 'zod';

const nonNeg = z.number().finite().min(0);
const knownScopes = new Set(KNOWN_GRAPH_SCOPES.map((s) => s.toLowerCase()));
const knownGraphScope = z
  .string()
  .refine((s) => knownScopes.has(s.toLowerCase()), { message: 'not a Graph permission the demo tenant knows' });
const faultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
    retryAfterSeconds: nonNeg.optional(),
  }),
  z.object({ kind: z.literal('connection-reset') }),
  z.object({ kind: z.literal('slow'), delayMs: nonNeg }),
  z.object({ kind: z.literal('reset-operation-fails') }),
  z.object({ kind: z.literal('reset-operation-hangs') }),
]);
/** The knobs a caller may PUT over HTTP: parsed, never trusted as-is. */
const knobsPatchSchema = z
  .object({
    latencyMs: nonNeg.optional(),
    jitterMs: nonNeg.optional(),
    throttle: z
      .object({ everyNth: nonNeg.optional(), maxPerSecond: nonNeg.optional(), retryAfterSeconds: nonNeg.optional() })
      .strict()
      .optional(),
    faults: z
      .array(z.object({ pattern: z.string(), fault: faultSchema, times: z.number().int().min(0).optional() }).strict())
      .optional(),
    throttling: z.enum(['documented', 'off']).optional(),
    throttlingTimeScale: z.number().finite().positive().optional(),
    /** Consent an admin withholds: every later token request asking for these gets consent_required. */
    withheldScopes: z.array(knownGraphScope).optional(),
  })
  .strict();

export interface DemoRoutesDeps {
  tokens: TokenService;
  knobs: KnobStore;
  dir: DemoDirectory;
}

/** GET /demo/outbox[?kind=sms|mail&to=…], GET|PUT /demo/knobs — any valid access token of this tenant. */
export async function handleDemoRoutes(deps: DemoRoutesDeps, ctx: RequestContext): Promise<void> {
  const auth = await deps.tokens.verifyAccessToken(ctx.req.headers.authorization);
  if (!auth.ok) return sendUnauthorized(ctx, auth.problem);
  const what = ctx.params[0];
  if (what === 'outbox' && ctx.method === 'GET') {
    const kind = ctx.url.searchParams.get('kind');
    const to = ctx.url.searchParams.get('to')?.toLowerCase();
    const value = deps.dir.outbox.filter((m) => (!kind || m.kind === kind) && (!to || m.to.toLowerCase() === to));
    return sendJson(ctx, 200, { value });
  }
  if (what === 'knobs' && ctx.method === 'GET')
    return sendJson(ctx, 200, { knobs: deps.knobs.get(), stats: deps.knobs.stats() });
  if (what === 'knobs' && (ctx.method === 'PUT' || ctx.method === 'PATCH')) {
    try {
      const parsed = knobsPatchSchema.safeParse((await readJson(ctx)) ?? {});
      if (!parsed.success) return sendGraphError(ctx, 400, 'BadRequest', `Invalid knobs: ${parsed.error.message}`);
      return sendJson(ctx, 200, { knobs: deps.knobs.set(parsed.data as KnobsPatch) });
    } catch (err) {
      if (err instanceof InvalidKnobsError) return sendGraphError(ctx, 400, 'BadRequest', err.message);
      if (err instanceof HttpError) return sendGraphError(ctx, err.status, err.code, err.message);
      throw err;
    }
  }
  return sendGraphError(ctx, 405, 'Request_BadRequest', `The HTTP method '${ctx.method}' is not allowed.`);
}

export function homePage(info: {
  authority: string;
  graphBaseUrl: string;
  pagesOrigin: string;
  agents: readonly { upn: string; password: string; roles: string[] }[];
}): string {
  const rows = info.agents
    .map(
      (a) =>
        `<tr><td><code>${e(a.upn)}</code></td><td><code>${e(a.password)}</code></td><td>${e(a.roles.join(', ') || '—')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Resetline demo tenant</title></head>
<body style="font-family:system-ui,sans-serif;max-width:760px;margin:32px auto">
<h1>Resetline demo tenant</h1>
<p>A local stand-in for Microsoft Entra ID and Microsoft Graph v1.0. Nothing here reaches Microsoft.</p>
<ul><li>Authority: <code>${e(info.authority)}</code></li><li>Graph: <code>${e(info.graphBaseUrl)}</code></li>
<li>Sign-in pages: <code>${e(info.pagesOrigin)}</code></li></ul>
<table><thead><tr><th>Agent</th><th>Password</th><th>Roles</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>`;
}
