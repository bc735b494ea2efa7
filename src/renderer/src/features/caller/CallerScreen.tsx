// The Caller screen: find the caller on the left; on the right their card and the call opened with
// it (verify → act → hand over → close). In demo mode, the outbox the demo tenant "sent" to.
import { makeStyles, tokens } from '@fluentui/react-components';
import { ScreenTitle } from '../../components/ScreenTitle';
import { CallerCardView } from './CallerCardView';
import { CallerSearch } from './CallerSearch';
import { CallPanel } from './flow/CallPanel';
import { OutboxDrawer } from './flow/OutboxDrawer';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  titleRow: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(18rem, 26rem) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  right: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
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
        <CallerSearch />
        <div className={styles.right}>
          <CallerCardView />
          <CallPanel />
        </div>
      </div>
    </section>
  );
}
