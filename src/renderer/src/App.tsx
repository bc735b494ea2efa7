// The root: Fluent's theme (following the system's light/dark choice), then either the frame or, for a
// browser-host tab without its session key, the notice that explains how to get back in.
import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { TransportKind } from './api/transport';
import { ErrorBoundary } from './components/ErrorBoundary';
import { SessionLost } from './components/SessionLost';
import { Frame } from './Frame';
import { usePrefersDark } from './hooks/useColorScheme';

// Sizing lives on an inner div: FluentProvider copies its className onto portal mount nodes, and a
// full-height portal node would sit over the page and swallow clicks.
const useStyles = makeStyles({
  fill: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
});

export function App({ transport }: { transport: TransportKind }) {
  const dark = usePrefersDark();
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <div className={styles.fill}>
        <ErrorBoundary>{transport === 'no-session' ? <SessionLost /> : <Frame />}</ErrorBoundary>
      </div>
    </FluentProvider>
  );
}
