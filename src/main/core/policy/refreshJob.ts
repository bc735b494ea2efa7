// A refresh of the cached tenant policy as a job of kind `policy-refresh`: started by `jobs:start` (the
// Policy screen's "Refresh") or by `policy:get` when a part is stale, followed like every job (jobs:get,
// jobs:progress events), its progress the parts finished. One per tenant at a time: a second start
// answers the running job. Graph's reads cannot be taken back once sent, so a cancel only stops the
// agent waiting: the parts still land in the cache (PolicyService.refresh is shared while it runs).
import type { PolicyJobResult } from '../../../shared/jobs';
import { POLICY_PARTS } from '../../../shared/policy';
import { JobCancelledError, type JobKindDef, type JobWork } from '../jobs/types';
import type { PolicyService } from './service';

export function policyRefreshKind(policy: PolicyService): JobKindDef<'policy-refresh'> {
  return {
    noun: 'policy refresh',
    need: 'agent',
    single: { same: () => true, busy: 'The tenant policy is already being refreshed.' },
    start: (_params, signal): JobWork => {
      const refreshed = policy.refresh();
      const stopped = new Promise<never>((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new JobCancelledError()), { once: true });
      });
      // Settles once: the refresh's outcome, or the cancel (a rejection nobody awaits is caught).
      stopped.catch(() => undefined);
      return {
        progress: () => ({ done: policy.partsRefreshed(), total: POLICY_PARTS.length }),
        done: Promise.race([refreshed.then((outcome): PolicyJobResult => ({ type: 'policy', ...outcome })), stopped]),
      };
    },
  };
}
