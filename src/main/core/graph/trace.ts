// Test and support instrumentation: when RESETLINE_GRAPH_LOG_DIR is set, every Graph request the app's
// client sends is appended there as one JSON line (method, path without query, which Microsoft Graph
// cloud) — `$batch` items one by one. The conformance check (test/conformance) holds these against the
// cloud's schema and Microsoft's permission map after the integration and end-to-end runs. Paths carry
// object ids and UPNs but never a body, a token or a secret.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface TracedRequest {
  method: string;
  path: string;
  cloud: string;
}

function relative(url: string): string {
  const noQuery = url.split('?')[0] ?? '';
  const rel = noQuery.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?v1\.0(?=\/|$)/i, '');
  return rel.startsWith('/') ? rel : `/${rel}`;
}

/** The requests one HTTP call carries: itself, or each item of a `$batch`. */
export function tracedRequests(method: string, url: string, body: unknown, cloud: string): TracedRequest[] {
  const path = relative(url);
  if (!/^\/\$batch\/?$/i.test(path)) return [{ method: method.toUpperCase(), path, cloud }];
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return [];
    }
  }
  const items = (parsed as { requests?: { method?: string; url?: string }[] } | undefined)?.requests ?? [];
  return items
    .filter((i) => typeof i.url === 'string')
    .map((i) => ({ method: String(i.method ?? 'GET').toUpperCase(), path: relative(i.url!), cloud }));
}

export function traceGraphRequest(method: string, url: string, body: unknown, cloud: string): void {
  const dir = process.env.RESETLINE_GRAPH_LOG_DIR;
  if (!dir) return;
  const lines = tracedRequests(method, url, body, cloud);
  if (lines.length === 0) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `graph-${process.pid}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}
