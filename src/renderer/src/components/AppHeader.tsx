// The banner: the product name, which tenant this session works on, and the signed-in agent.
import { makeStyles, Subtitle1, tokens } from '@fluentui/react-components';
import { KeyResetRegular } from '@fluentui/react-icons';
import { AgentBadge } from './AgentBadge';
import { TenantBadge } from './TenantBadge';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  logo: { fontSize: '24px', color: tokens.colorBrandForeground1 },
});

export function AppHeader() {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <KeyResetRegular className={styles.logo} aria-hidden="true" />
      <Subtitle1>Resetline</Subtitle1>
      <TenantBadge />
      <AgentBadge />
    </header>
  );
}
