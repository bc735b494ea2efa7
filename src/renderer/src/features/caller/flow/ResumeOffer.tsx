// After a reload (or a sign-in) main may still hold calls this window does not show: each is offered
// back, one at a time — resume it where it was, or end it as abandoned.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import type { OpenCallSummary } from '../../../../../shared/caller';
import { formatTime } from '../../../format';
import { useStore } from '../../../store';

/** "verified 2 of 2, a code sent" */
export function resumeSummary(c: OpenCallSummary): string {
  const parts = [`verified ${c.passed} of ${c.required}`];
  if (c.codesSent > 0) parts.push(c.codesSent === 1 ? 'a code sent' : `${c.codesSent} codes sent`);
  if (c.actionsDone > 0) parts.push(c.actionsDone === 1 ? '1 action run' : `${c.actionsDone} actions run`);
  return parts.join(', ');
}

export function ResumeOffer() {
  const agentId = useStore((s) =>
    s.auth.status === 'ready' && s.auth.value.status === 'signed-in' ? s.auth.value.agent.id : null,
  );
  const offer = useStore((s) => s.caller.resumable[0] ?? null);
  const loadResumable = useStore((s) => s.loadResumable);
  const resumeCall = useStore((s) => s.resumeCall);
  const endResumable = useStore((s) => s.endResumable);
  // Asked whenever an agent is signed in in this window: at load (a reload) and after each sign-in.
  useEffect(() => {
    if (agentId !== null) void loadResumable();
  }, [agentId, loadResumable]);
  if (offer === null) return null;
  return (
    <Dialog open modalType="alert">
      <DialogSurface aria-describedby="resume-detail">
        <DialogBody>
          <DialogTitle>
            Resume the call with {offer.displayName} ({resumeSummary(offer)})?
          </DialogTitle>
          <DialogContent id="resume-detail">
            This call is still open in Resetline; it started at {formatTime(offer.openedAt, { seconds: false })}. Resume
            it where it was, or end it as abandoned.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void resumeCall(offer.callId)}>
              Resume the call
            </Button>
            <Button onClick={() => void endResumable(offer.callId)}>End as abandoned</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
