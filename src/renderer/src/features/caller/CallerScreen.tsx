// The Caller screen, the agent's workspace for one call: on the left the search (its results fold
// once a caller is chosen) above the caller's compact card; on the right the call as a stepper
// (verify → restore access → hand over → close). In a window under 880 px the two stack. In demo
// mode, the outbox the demo tenant "sent" to.
import { makeStyles, tokens } from '@fluentui/react-components';
import { ScreenTitle } from '../../components/ScreenTitle';
import { CallerCardView } from './CallerCardView';
import { CallerSearch } from './CallerSearch';
import { CallPanel } from './flow/CallPanel';
import { OutboxDrawer } from './flow/OutboxDrawer';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  titleRow: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(18rem, 26rem) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
    // The navigation folds to icons below 1280 px; under ~880 px the columns stack instead of crushing.
    '@media (max-width: 880px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
});

export function CallerScreen() {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="screen-title">
      <div className={styles.titleRow}>
        <ScreenTitle>Caller</ScreenTitle>
        <OutboxDrawer />
      </div>
      <div className={styles.columns}>
        <div className={styles.column}>
          <CallerSearch />
          <CallerCardView />
        </div>
        <div className={styles.column}>
          <CallPanel />
        </div>
      </div>
    </section>
  );
}
