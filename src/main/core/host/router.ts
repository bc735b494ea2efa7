// The one router both transports mount: it finds the channel, parses the input with the channel's
// zod schema before anything else, runs the handler and always answers with a Result envelope.
import type { z } from 'zod';
import {
  allChannels,
  type AnyContractChannel,
  type contract,
  type OutputOf,
  type ParsedInputOf,
} from '../../../shared/contract';
import { agentMessage } from '../../../shared/agentMessage';
import { fail, ok, ResetlineError, type Result } from '../../../shared/result';
import { createLogger } from '../log';

const log = createLogger('router');

export interface CallContext {
  transport: 'ipc' | 'http';
}

type Contract = typeof contract;
type Handler<C extends AnyContractChannel> = (
  input: ParsedInputOf<C>,
  ctx: CallContext,
) => Promise<OutputOf<C>> | OutputOf<C>;

/** One handler per channel, shaped like the contract; the compiler refuses a missing one. */
export type Handlers = {
  [D in keyof Contract]: {
    [M in keyof Contract[D]]: Contract[D][M] extends AnyContractChannel ? Handler<Contract[D][M]> : never;
  };
};

export interface Router {
  readonly channelNames: readonly string[];
  dispatch(channelName: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

/** Path-prefixed zod messages for main's log (a developer's reading); agents get agentMessage's sentences. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export function createRouter(handlers: Handlers): Router {
  type Entry = { schema: z.ZodType; run: (input: unknown, ctx: CallContext) => unknown };
  const table = new Map<string, Entry>();
  for (const { domain, method, channel } of allChannels) {
    const fn = (handlers as unknown as Record<string, Record<string, Entry['run']>>)[domain]?.[method];
    if (typeof fn !== 'function') throw new Error(`No handler for channel ${channel.name}`);
    table.set(channel.name, { schema: channel.input, run: fn });
  }

  return {
    channelNames: [...table.keys()],
    async dispatch(channelName, rawInput, ctx) {
      const entry = typeof channelName === 'string' ? table.get(channelName) : undefined;
      if (!entry) return fail('unknown_channel', `Unknown channel "${String(channelName).slice(0, 80)}".`);
      const parsed = entry.schema.safeParse(rawInput);
      if (!parsed.success) {
        log.info('input refused', {
          channel: channelName,
          transport: ctx.transport,
          issues: describeZodError(parsed.error),
        });
        return fail('invalid_input', agentMessage(parsed.error.issues));
      }
      try {
        return ok(await entry.run(parsed.data, ctx));
      } catch (error) {
        if (error instanceof ResetlineError) return fail(error.code, error.message, error.requestId);
        log.error('handler failed', { channel: channelName, transport: ctx.transport, error });
        return fail('internal', 'Resetline hit an unexpected error. Details are in the log.');
      }
    },
  };
}
