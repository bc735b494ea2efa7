// The app frame: banner, navigation, the current screen in `main` (or the sign-in screen when that
// screen needs an agent and none is signed in), and the About dialog.
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef } from 'react';
import { AppHeader } from './components/AppHeader';
import { AppNav } from './components/AppNav';
import { ErrorBoundary } from './components/ErrorBoundary';
import { RoleGaps } from './components/RoleGaps';
import { AboutDialog } from './features/about/AboutDialog';
import { CallGuards } from './features/caller/flow/CallGuards';
import { SignInScreen } from './features/signin/SignInScreen';
import { useGlobalShortcuts } from './hooks/useGlobalShortcuts';
import { screenInfo } from './screens';
import { useStore } from './store';

const useStyles = makeStyles({
  frame: {
    display: 'grid',
    gridTemplateRows: 'auto 1fr',
    gridTemplateColumns: 'auto 1fr',
    gridTemplateAreas: '"header header" "nav main"',
    height: '100vh',
  },
  header: { gridArea: 'header' },
  nav: { gridArea: 'nav', minHeight: 0 },
  main: {
    gridArea: 'main',
    overflow: 'auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    outlineStyle: 'none',
  },
  // Invisible until focused: the first Tab stop lets keyboard users jump past the navigation.
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalS,
    top: tokens.spacingVerticalS,
    zIndex: 1,
    transform: 'translateY(-200%)',
    ':focus-visible': { transform: 'none' },
  },
});

function CurrentScreen() {
  const screen = useStore((s) => s.screen);
  const authStatus = useStore((s) => (s.auth.status === 'ready' ? s.auth.value.status : s.auth.status));
  const { Component, needsSignIn } = screenInfo(screen);
  if (authStatus === 'signed-in')
    return (
      <>
        <RoleGaps />
        <Component />
      </>
    );
  if (!needsSignIn) return <Component />;
  if (authStatus === 'idle' || authStatus === 'loading') return <Spinner label="Checking your sign-in…" />;
  return <SignInScreen />;
}

export function Frame() {
  const styles = useStyles();
  const mainRef = useRef<HTMLElement>(null);
  const loadInfo = useStore((s) => s.loadInfo);
  const loadSession = useStore((s) => s.loadSession);
  const focusMain = useCallback(() => mainRef.current?.focus(), []);

  // The header's tenant badge needs app info from the first paint, not only when About opens; the
  // session decides whether the agent sees their screens or the sign-in screen.
  useEffect(() => {
    void loadInfo();
    void loadSession();
  }, [loadInfo, loadSession]);
  useGlobalShortcuts(focusMain);

  return (
    <div className={styles.frame}>
      <Button className={styles.skip} onClick={focusMain}>
        Skip to content
      </Button>
      <div className={styles.header}>
        <AppHeader />
      </div>
      <div className={styles.nav}>
        <AppNav />
      </div>
      <main id="main" ref={mainRef} tabIndex={-1} className={styles.main} aria-labelledby="screen-title">
        <ErrorBoundary>
          <CurrentScreen />
        </ErrorBoundary>
      </main>
      <AboutDialog />
      <CallGuards />
    </div>
  );
}
