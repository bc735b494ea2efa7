// Leaving a call that would lose something (a code sent, a check passed, an action run) asks first:
// another caller, the card's close button or sign-out waits here until the agent keeps the call or
// ends it as abandoned (store/callerSlice.ts `leave`).
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { assertNever } from '../../../../../shared/result';
import { useStore } from '../../../store';
import { callAtStake, type LeaveRequest } from '../../../store/callerSlice';

function nextStep(leave: LeaveRequest): string {
  switch (leave.kind) {
    case 'open':
      return leave.fresh ? 'The caller is then read again as a new call.' : `${leave.ref.displayName} opens next.`;
    case 'close':
      return 'The caller card closes.';
    case 'sign-out':
      return 'You are then signed out.';
    default:
      return assertNever(leave, 'leave request');
  }
}

export function AbandonDialog() {
  const leave = useStore((s) => s.caller.leave);
  const name = useStore((s) => s.call.view?.card.user.displayName ?? null);
  const stake = useStore((s) => callAtStake(s.call).join(', '));
  const keepCall = useStore((s) => s.keepCall);
  const endCallAndLeave = useStore((s) => s.endCallAndLeave);
  const open = leave !== null && name !== null;
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => !data.open && keepCall()}>
      <DialogSurface aria-describedby="abandon-detail">
        <DialogBody>
          <DialogTitle>End the call with {name}?</DialogTitle>
          <DialogContent id="abandon-detail">
            {stake}. Ending it now records the call as abandoned in History. {leave !== null && nextStep(leave)}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={keepCall}>
              Keep the call
            </Button>
            <Button onClick={() => void endCallAndLeave()}>End as abandoned</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
