// Placeholder until issue 7 builds the policy screen.
import { ComingSoon } from '../../components/ComingSoon';

export function PolicyScreen() {
  return (
    <ComingSoon
      title="Policy"
      purpose="See the tenant's authentication methods, Temporary Access Pass and password policies."
    />
  );
}
