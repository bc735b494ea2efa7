// What the agent is told about a reset Microsoft accepted but has not confirmed, or one that failed.

/** How a followed reset (reset/writebackJob.ts) ends, in the agent's words. */
export const WRITEBACK_WORDS = {
  confirmed: 'Password reset confirmed; the caller must change it at next sign-in.',
  noVerdict:
    'Microsoft accepted the reset but has not confirmed it after 15 minutes, so Resetline stopped waiting. It may still take effect: the password is not shown. Ask the caller to try signing in later, or reset again.',
  callEnded:
    'The call ended before Microsoft confirmed the reset. It may still take effect: the password is not shown. Reset again in a new call if the caller cannot sign in.',
  unreadable:
    'Resetline could not ask Microsoft whether the reset took effect. It may still take effect: the password is not shown. Reset again if the caller cannot sign in.',
} as const;

/** Accepted by Microsoft, not yet confirmed: said as it is, with what to do. */
export function notYetConfirmed(synced: boolean): string {
  return synced
    ? 'Microsoft accepted the reset; the on-premises directory has not confirmed it yet. Resetline keeps checking: the password can be handed over once it is confirmed.'
    : 'Microsoft accepted the reset; it is not confirmed yet. Resetline keeps checking: the password can be handed over once it is confirmed.';
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
