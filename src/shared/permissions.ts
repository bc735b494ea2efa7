// The Settings permissions check: for each feature, the delegated Graph permissions it needs against
// those this sign-in's token carries, the directory roles it needs against the agent's, and whether the
// tenant's Microsoft Graph (national cloud) offers it at all — each gap with the step that fixes it.

export interface FeatureCheck {
  feature: string;
  /** For people: "Reset passwords". */
  label: string;
  /** Permissions Resetline asks for this feature (from the request catalogue and Microsoft's permission map). */
  permissions: string[];
  missingPermissions: string[];
  /** The Entra admin center step that grants the missing ones; null when nothing is missing. */
  consentFix: string | null;
  /** Directory roles of which one is needed (least privileged first); empty: any signed-in member. */
  roles: string[];
  /** Whether the agent holds one of them (tenant-wide, or scoped to an administrative unit); null: unknown. */
  roleHeld: boolean | null;
  /** null when the tenant's Microsoft Graph offers the feature; else why not. */
  cloudUnavailable: string | null;
  /** Where Microsoft documents the roles (repository path). */
  doc: string;
}

export interface PermissionCheck {
  cloud: string;
  grantedScopes: string[];
  /** What README tells an admin to consent: the full list. */
  requested: string[];
  features: FeatureCheck[];
}
