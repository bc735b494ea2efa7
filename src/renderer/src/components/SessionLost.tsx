// Full-page notice for a browser-host tab that has no session key (reloaded, opened without the fragment,
// or from an address already used): the key is deliberately never stored, so the way back is a new address.
import { Body1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { getSessionProblem } from '../api/transport';
import { ScreenTitle } from './ScreenTitle';

const useStyles = makeStyles({
  root: {
    maxWidth: '40rem',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
});

export function SessionLost() {
  const styles = useStyles();
  return (
    <main className={styles.root} aria-labelledby="screen-title">
      <ScreenTitle>Resetline</ScreenTitle>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Session key missing</MessageBarTitle> {getSessionProblem()}
        </MessageBarBody>
      </MessageBar>
      <Body1>The key is kept only in the tab's memory, so reloading the page forgets it.</Body1>
    </main>
  );
}
