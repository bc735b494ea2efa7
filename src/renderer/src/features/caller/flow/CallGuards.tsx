// What keeps a call from being lost, mounted once in the frame (any screen can sign out or reload):
// the abandon confirmation, the offer to resume a call main still holds, the browser's own warning
// before a tab with such a call is reloaded or closed, and the toast confirming a closed call.
import { Toast, Toaster, ToastTitle, useId, useToastController } from '@fluentui/react-components';
import { useEffect } from 'react';
import { useStore } from '../../../store';
import { callAtStake } from '../../../store/callerSlice';
import { AbandonDialog } from './AbandonDialog';
import { outcomeLabel } from './labels';
import { ResumeOffer } from './ResumeOffer';

/** The browser host only: Electron would cancel the reload or quit silently instead of asking. */
function useLeaveWarning() {
  const browser = useStore((s) => s.info.status === 'ready' && s.info.value.host === 'browser');
  const atStake = useStore((s) => callAtStake(s.call).length > 0);
  useEffect(() => {
    if (!browser || !atStake) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium needs returnValue set to show its "Leave site?" question.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [browser, atStake]);
}

function ClosedToast({ toasterId }: { toasterId: string }) {
  const closed = useStore((s) => s.caller.closed);
  const { dispatchToast } = useToastController(toasterId);
  useEffect(() => {
    if (closed === null) return;
    dispatchToast(
      <Toast>
        <ToastTitle>
          Call with {closed.name} closed: {outcomeLabel(closed.outcome)}
        </ToastTitle>
      </Toast>,
      { intent: 'success', timeout: 6000 },
    );
    // One toast per closing (`seq`), not per render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [closed?.seq]);
  return null;
}

export function CallGuards() {
  const toasterId = useId('call-toaster');
  useLeaveWarning();
  return (
    <>
      <AbandonDialog />
      <ResumeOffer />
      <Toaster toasterId={toasterId} position="bottom-end" />
      <ClosedToast toasterId={toasterId} />
    </>
  );
}
