// What could not be read about the signed-in agent's own roles (a missing admin consent, most often),
// said once at the top of every screen with the step that fixes it: without it the app would offer
// less than the agent's roles allow and nobody would know why.
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useStore } from '../store';

const useStyles = makeStyles({
  bar: { marginBottom: tokens.spacingVerticalL },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function RoleGaps() {
  const styles = useStyles();
  const gaps = useStore((s) =>
    s.auth.status === 'ready' && s.auth.value.status === 'signed-in' ? s.auth.value.agent.roleGaps : null,
  );
  if (!gaps || gaps.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" className={styles.bar} role="alert">
      <MessageBarBody>
        <MessageBarTitle>Your roles could not be read in full</MessageBarTitle>
        Resetline offers only what it can see your roles allow.
        <ul className={styles.list}>
          {gaps.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
