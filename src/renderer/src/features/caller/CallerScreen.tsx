// The Caller screen: find the caller on the left, their card on the right. Verification and the
// reset actions arrive with issue 5; this is the read-only view they build on.
import { makeStyles, tokens } from '@fluentui/react-components';
import { ScreenTitle } from '../../components/ScreenTitle';
import { CallerCardView } from './CallerCardView';
import { CallerSearch } from './CallerSearch';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(18rem, 26rem) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
});

export function CallerScreen() {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="screen-title">
      <ScreenTitle>Caller</ScreenTitle>
      <div className={styles.columns}>
        <CallerSearch />
        <CallerCardView />
      </div>
    </section>
  );
}
