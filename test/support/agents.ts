// A signed-in agent with no roles or consent, named after its id (alice → alice@contoso.com), for tests
// that only need some agent to tell from another.
import type { SignedInAgent } from '../../src/shared/auth';

export const agentNamed = (id: string): SignedInAgent => ({
  id,
  displayName: id,
  userPrincipalName: `${id}@contoso.com`,
  roles: [],
  scopedRoles: [],
  grantedScopes: [],
  roleGaps: [],
});
