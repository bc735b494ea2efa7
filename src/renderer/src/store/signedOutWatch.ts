// Wraps the transport so that ANY channel answering `signed_out` (an expired or revoked sign-in found
// mid-call) sends the window back to the sign-in screen, without every action having to remember it.
import { allChannels, buildApi, type ResetlineApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

type Send = (input?: unknown) => Promise<Result<unknown>>;

export function watchSignedOut(api: () => ResetlineApi, onSignedOut: (message: string) => void): () => ResetlineApi {
  let watched: ResetlineApi | undefined;
  return () => {
    watched ??= (() => {
      const raw = api();
      const inner = raw as unknown as Record<string, Record<string, Send>>;
      const byName = new Map(allChannels.map((c) => [c.channel.name, c]));
      // Events pass through untouched; a transport without them stays without.
      const { on, onStream } = raw;
      return buildApi(
        async (channelName, input) => {
          const entry = byName.get(channelName);
          if (entry === undefined) throw new Error(`No channel ${channelName} in the contract`);
          const result = await inner[entry.domain]![entry.method]!(input);
          if (!result.ok && result.error.code === 'signed_out') onSignedOut(result.error.message);
          return result;
        },
        on && onStream ? { on, onStream } : undefined,
      );
    })();
    return watched;
  };
}
