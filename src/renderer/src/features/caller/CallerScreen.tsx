// Placeholder until issue 5 builds the caller flow.
import { ComingSoon } from '../../components/ComingSoon';

export function CallerScreen() {
  return (
    <ComingSoon
      title="Caller"
      purpose="Find a locked-out caller, verify who they are, then reset their password or issue a Temporary Access Pass and hand it over once."
    />
  );
}
