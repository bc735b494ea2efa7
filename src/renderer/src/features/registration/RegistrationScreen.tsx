// Placeholder until issue 7 builds the registration report.
import { ComingSoon } from '../../components/ComingSoon';

export function RegistrationScreen() {
  return (
    <ComingSoon
      title="Registration"
      purpose="See which sign-in methods each user has registered, and who could reset their own password instead of calling."
    />
  );
}
