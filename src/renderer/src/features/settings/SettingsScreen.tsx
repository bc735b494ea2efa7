// Placeholder until issue 7 builds the policy and settings screens.
import { ComingSoon } from '../../components/ComingSoon';

export function SettingsScreen() {
  return (
    <ComingSoon
      title="Settings"
      purpose="Review the tenant's authentication and password policy, and set how many checks a caller must pass."
    />
  );
}
