// App-wide keyboard shortcuts: Ctrl+1..6 (Cmd on macOS) switch screens, Ctrl+K finds a caller,
// Ctrl+Shift+A opens About.
// Screens are switched on keydown at the window so the shortcuts work whatever has focus. The listener is
// attached in a layout effect, before the frame is first painted: a key pressed once the app shows is never
// lost (a passive effect runs after the paint, and a quick keystroke fell in between).
import { useLayoutEffect } from 'react';
import { SCREENS, useStore } from '../store';
import { isSignedIn } from '../store/authSlice';

export const ABOUT_SHORTCUT = { label: 'Ctrl+Shift+A', aria: 'Control+Shift+A' } as const;
export const SEARCH_SHORTCUT = { label: 'Ctrl+K', aria: 'Control+K' } as const;

export function screenShortcut(index: number) {
  return { label: `Ctrl+${index + 1}`, aria: `Control+${index + 1}` };
}

export function useGlobalShortcuts(focusMain: () => void): void {
  const setScreen = useStore((s) => s.setScreen);
  const setAboutOpen = useStore((s) => s.setAboutOpen);
  const requestSearchFocus = useStore((s) => s.requestSearchFocus);

  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey)) return;
      if (event.shiftKey && event.key.toLowerCase() === 'a') {
        event.preventDefault();
        setAboutOpen(true);
        return;
      }
      // Behind a modal dialog the screen would change unseen; let the dialog keep the keyboard.
      const { aboutOpen, signOutConfirmOpen, auth } = useStore.getState();
      if (event.shiftKey || aboutOpen || signOutConfirmOpen) return;
      if (event.key.toLowerCase() === 'k') {
        // Overrides the browser's own Ctrl+K (search the web): on the phone, finding the caller comes first.
        event.preventDefault();
        setScreen('caller');
        // Signed out, the caller screen is the sign-in screen: land there instead of on a box that is not shown.
        if (isSignedIn(auth)) requestSearchFocus();
        else focusMain();
        return;
      }
      const screen = /^[1-9]$/.test(event.key) ? SCREENS[Number(event.key) - 1] : undefined;
      if (screen === undefined) return;
      event.preventDefault();
      setScreen(screen);
      // A keyboard user who jumped screens expects to be in that screen, not left on the old control.
      focusMain();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setScreen, setAboutOpen, requestSearchFocus, focusMain]);
}
