// What the agent is told about a reset Microsoft accepted but has not confirmed, or one that failed.

/** Accepted by Microsoft, not yet confirmed: said as it is, with what to do. */
export function notYetConfirmed(synced: boolean): string {
  return synced
    ? 'Microsoft accepted the reset; the on-premises directory has not confirmed it yet. Check again in a moment before handing the password over.'
    : 'Microsoft accepted the reset; it is not confirmed yet. Check again in a moment before handing the password over.';
}

export function resetFailureMessage(code: string, detail: string | null): string {
  switch (code) {
    case 'writeback_unavailable':
      return "This user's password lives in the on-premises directory and the tenant does not write passwords back to it, so it cannot be reset from here. Nothing was changed. Reset it in Active Directory, or ask an admin to turn on password writeback.";
    case 'password_policy':
      return `The on-premises directory refused the new password (history, age or complexity). Nothing was changed; try again with a new password.${detail ? ` (${detail})` : ''}`;
    default:
      return `The reset failed and nothing was changed.${detail ? ` ${detail}` : ''}`;
  }
}
