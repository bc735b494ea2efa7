// The Graph v1.0 handler behind the demo tenant's HTTPS server: the server has authenticated the
// token and applied latency/throttle/faults to the outer request; everything else happens here.
import type { GraphHandler, GraphRequest, GraphResponse } from '../contracts';
import type { DemoDirectory } from '../model';
import { runBatch, NestedBatchError } from './batch';
import { Ctx, type HandlerOptions } from './context';
import { errorResponse, GraphError } from './errors';
import { route } from './routes';
import { checkCloud } from '../rules/clouds';
import { checkScopes, matchGraphPath } from '../rules/scopes';

export type { HandlerOptions } from './context';
export { GraphError } from './errors';
export { mayActOn, canActOn, targetTiers, callerRoles, RESET_TABLE, CALLER_ROLES, TARGET_TIERS } from './authorize';
export { registrationDetails } from './reports';

/** `{id | userPrincipalName}` names the signed-in user (ids and UPNs compare case-insensitively). */
function isCaller(caller: { id: string; userPrincipalName: string }, key: string): boolean {
  const k = key.toLowerCase();
  return k === caller.id.toLowerCase() || k === caller.userPrincipalName.toLowerCase();
}

export function createGraphHandler(dir: DemoDirectory, opts: HandlerOptions): GraphHandler {
  const single = (req: GraphRequest): Promise<GraphResponse> => {
    const date = dir.now();
    try {
      const path = req.path.split('?')[0] ?? '';
      if (/^\/?\$batch\/?$/i.test(path)) throw new NestedBatchError();
      const caller = dir.getUser(req.caller.userId);
      if (!caller)
        throw new GraphError(
          401,
          'InvalidAuthenticationToken',
          'Access token validation failure. The user in the token does not exist in this tenant.',
        );
      // Microsoft's rules before any route runs, per request (so per $batch item): the cloud's
      // schema, then the token's scopes (src/demo-tenant/rules/README.md).
      const match = matchGraphPath(path);
      checkCloud(opts.cloud ?? 'global', match);
      checkScopes(
        { method: req.method, scopes: req.caller.scopes, body: req.body, isSelf: (key) => isCaller(caller, key) },
        match,
      );
      return Promise.resolve(route(new Ctx(dir, req, opts, caller)));
    } catch (err) {
      if (err instanceof GraphError) return Promise.resolve(errorResponse(req, err, date));
      // A bug in a route must still answer in Graph's shape; the stack goes to the server log.
      console.error(`[demo-tenant graph] ${req.method} ${req.path} failed:`, err);
      return Promise.resolve(
        errorResponse(req, new GraphError(500, 'generalException', 'An unspecified error has occurred.'), date),
      );
    }
  };
  return async (req) => {
    const path = req.path.split('?')[0] ?? '';
    if (/^\/?\$batch\/?$/i.test(path)) {
      if (req.method !== 'POST')
        return errorResponse(
          req,
          new GraphError(405, 'Request_BadRequest', 'The HTTP method is not allowed for $batch.'),
        );
      try {
        return await runBatch(req, single, opts.throttle);
      } catch (err) {
        if (err instanceof GraphError) return errorResponse(req, err, dir.now());
        throw err;
      }
    }
    return single(req);
  };
}
