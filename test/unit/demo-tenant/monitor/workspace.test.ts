// The demo DCR's per-minute limits (service-limits.md, "Logs Ingestion API"): 12,000 requests and 2 GB,
// each answered with a Retry-After until the oldest call of the minute leaves the window.
import { describe, expect, it } from 'vitest';
import { DemoWorkspace } from '../../../../src/demo-tenant/monitor';
import { INGESTION_LIMITS } from '../../../../src/demo-tenant/monitor/rules';

describe('DemoWorkspace limits', () => {
  it('refuses the 12,001st call of a minute and says when to come back', () => {
    const ws = new DemoWorkspace('t');
    const t0 = 1_000_000;
    for (let i = 0; i < INGESTION_LIMITS.maxRequestsPerMinutePerDcr; i++)
      expect(ws.rateLimited(t0 + i, 10)).toBeUndefined();
    expect(ws.rateLimited(t0 + 30_000, 10)).toBe(30);
    expect(ws.rateLimited(t0 + 60_001, 10)).toBeUndefined();
  });

  it('refuses data past 2 GB in a minute', () => {
    const ws = new DemoWorkspace('t');
    const call = 1_000_000;
    const calls = Math.floor(INGESTION_LIMITS.maxBytesPerMinutePerDcr / call);
    for (let i = 0; i < calls; i++) expect(ws.rateLimited(5_000, call)).toBeUndefined();
    expect(ws.rateLimited(5_000, call)).toBe(60);
  });

  it('names a DCR immutable id and workspace id in the documented formats', () => {
    const ws = new DemoWorkspace('tenant-a');
    expect(ws.dcrImmutableId).toMatch(/^dcr-[0-9a-f]{32}$/);
    expect(ws.workspaceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ws.streamTable(ws.dcrImmutableId, 'Custom-Other')).toBe('no-stream');
    expect(ws.streamTable('dcr-0', 'Custom-ResetlineAudit')).toBe('no-dcr');
  });
});
