// The forwarding settings an admin types: refused with a sentence an agent can act on, never zod's text.
import { describe, expect, it } from 'vitest';
import { agentMessage } from '../../../src/shared/agentMessage';
import { ForwardingConfigInput } from '../../../src/shared/forwarding';

const GOOD = {
  ingestionEndpoint: 'https://my-dce-5kyl.eastus-1.ingest.monitor.azure.com/',
  dcrImmutableId: 'dcr-000a00a000a00000a000000aa000a0aa',
  streamName: 'Custom-ResetlineAudit',
};

describe('ForwardingConfigInput', () => {
  it('accepts the documented URI parts and drops a trailing slash', () => {
    expect(ForwardingConfigInput.parse(GOOD)).toEqual({
      ...GOOD,
      ingestionEndpoint: GOOD.ingestionEndpoint.slice(0, -1),
    });
  });

  it('refuses http, paths, a wrong DCR id or stream, and unknown fields, in agent words', () => {
    for (const [patch, words] of [
      [{ ingestionEndpoint: 'http://x.ingest.monitor.azure.com' }, /https:\/\//],
      [{ ingestionEndpoint: 'https://x.com/dataCollectionRules/a' }, /host name only/],
      [{ dcrImmutableId: 'dcr-xyz' }, /immutable id/],
      [{ streamName: 'ResetlineAudit' }, /Custom-ResetlineAudit/],
      [{ workspaceId: 'not-a-guid' }, /workspace id/],
    ] as const) {
      const parsed = ForwardingConfigInput.safeParse({ ...GOOD, ...patch });
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(agentMessage(parsed.error.issues)).toMatch(words);
    }
    expect(ForwardingConfigInput.safeParse({ ...GOOD, extra: 1 }).success).toBe(false);
  });
});
