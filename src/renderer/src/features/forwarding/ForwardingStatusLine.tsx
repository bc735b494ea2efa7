// One line saying how forwarding the audit trail to the team trail (Azure Monitor Logs) is going: when rows
// were last sent and how many wait, or for how long nothing could be sent and why, or that it is off. Read
// from main when shown and again every FORWARDING_STATUS_MS. Settings shows it; History can too.
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { ForwardingStatus } from '../../../../shared/forwarding';
import { relativeTime, useNow } from '../../components/RelativeTime';
import { useStore } from '../../store';
import { FORWARDING_STATUS_MS } from '../../store/settingsSlice';

const useStyles = makeStyles({
  line: { color: tokens.colorNeutralForeground2 },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

/** "3 h", "12 min", "2 days": how long something has lasted. */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

const backlogText = (n: number): string => `backlog ${n.toLocaleString()}`;

/** The line's words, and whether it reports a problem. */
export function forwardingStatusText(s: ForwardingStatus, now: number): { text: string; problem: boolean } {
  if (!s.configured) return { text: 'Off: an admin can turn it on in Settings.', problem: false };
  if (s.lastError !== null) {
    const since = s.lastSentAt ?? s.lastErrorAt;
    const head = s.lastSentAt === null ? 'Not sent yet' : `Not sent for ${duration(now - (since ?? now))}`;
    const next = s.nextAttemptAt === null ? '' : ` · next try ${clock(s.nextAttemptAt)}`;
    return { text: `${head}: ${s.lastError} · ${backlogText(s.backlog)}${next}`, problem: true };
  }
  if (s.lastSentAt === null)
    return { text: `Waiting to send the first rows · ${backlogText(s.backlog)}`, problem: false };
  return {
    text: `Sent to the team trail ${relativeTime(new Date(s.lastSentAt).toISOString(), now)} · ${backlogText(s.backlog)}`,
    problem: false,
  };
}

export function ForwardingStatusLine() {
  const styles = useStyles();
  const status = useStore((s) => s.settings.forwardingStatus);
  const load = useStore((s) => s.loadForwardingStatus);
  const now = useNow();
  const signedIn = useStore((s) => s.auth.status === 'ready' && s.auth.value.status === 'signed-in');
  useEffect(() => {
    // Tenant data: read only while an agent is signed in (signed out, main would answer signed_out).
    if (!signedIn) return;
    void load();
    const timer = setInterval(() => void load(), FORWARDING_STATUS_MS);
    return () => clearInterval(timer);
  }, [signedIn, load]);
  if (!signedIn) return null;
  const shown =
    status.status === 'ready'
      ? forwardingStatusText(status.value, now)
      : status.status === 'error'
        ? { text: `Could not read the forwarding status: ${status.error.message}`, problem: true }
        : { text: 'Reading the forwarding status…', problem: false };
  return (
    <Caption1
      role="status"
      aria-label="Team trail status"
      data-testid="forwarding-status"
      className={shown.problem ? styles.problem : styles.line}
    >
      {shown.text}
    </Caption1>
  );
}
