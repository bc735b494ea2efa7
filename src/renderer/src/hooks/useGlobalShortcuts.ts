// App-wide keyboard shortcuts: Ctrl+1..4 (Cmd on macOS) switch screens, Ctrl+Shift+A opens About.
// Screens are switched on keydown at the window so the shortcuts work whatever has focus.
import { useEffect } from 'react';
import { SCREENS, useStore } from '../store';

export const ABOUT_SHORTCUT = { label: 'Ctrl+Shift+A', aria: 'Control+Shift+A' } as const;

export function screenShortcut(index: number) {
  return { label: `Ctrl+${index + 1}`, aria: `Control+${index + 1}` };
}

export function useGlobalShortcuts(focusMain: () => void): void {
  const setScreen = useStore((s) => s.setScreen);
  const setAboutOpen = useStore((s) => s.setAboutOpen);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey)) return;
      if (event.shiftKey && event.key.toLowerCase() === 'a') {
        event.preventDefault();
        setAboutOpen(true);
        return;
      }
      // Behind a modal dialog the screen would change unseen; let the dialog keep the keyboard.
      if (event.shiftKey || useStore.getState().aboutOpen) return;
      const screen = /^[1-9]$/.test(event.key) ? SCREENS[Number(event.key) - 1] : undefined;
      if (screen === undefined) return;
      event.preventDefault();
      setScreen(screen);
      // A keyboard user who jumped screens expects to be in that screen, not left on the old control.
      focusMain();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setScreen, setAboutOpen, focusMain]);
}
