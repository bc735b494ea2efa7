// Placeholder until issue 6 builds the SSPR activity view.
import { ComingSoon } from '../../components/ComingSoon';

export function SsprScreen() {
  return (
    <ComingSoon
      title="Self-service activity"
      purpose="See self-service password resets, blocked attempts and registrations from Entra's audit logs, and how many calls self-service saved."
    />
  );
}
