// Placeholder for a screen a later release builds, saying what it will do so testers know it is intended.
import { Body1, makeStyles, tokens } from '@fluentui/react-components';
import { ScreenTitle } from './ScreenTitle';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function ComingSoon({ title, purpose }: { title: string; purpose: string }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="screen-title">
      <ScreenTitle>{title}</ScreenTitle>
      <Body1>Coming in a later release.</Body1>
      <Body1>{purpose}</Body1>
    </section>
  );
}
