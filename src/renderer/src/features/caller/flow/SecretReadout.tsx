// The read-out under a revealed secret: what the agent says to the caller, part by part (readout.ts).
// A generated passphrase is read as words, with a switch to spell every character; anything else is
// spelled with the NATO alphabet from the start.
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { RevealedSecret } from '../../../../../shared/caller';
import { readOut } from './readout';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, flexBasis: '100%' },
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  part: {
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground2,
    fontSize: tokens.fontSizeBase200,
  },
  text: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
});

export function SecretReadout({ secret }: { secret: RevealedSecret }) {
  const styles = useStyles();
  const [spelled, setSpelled] = useState(false);
  const natural = readOut(secret);
  const shown = spelled ? readOut({ kind: 'tap', value: secret.value }) : natural;
  const label = shown.mode === 'words' ? 'Read it out' : 'Spell it out';
  return (
    <div className={styles.box}>
      <Caption1>
        {shown.mode === 'words'
          ? 'Read it out (words as words, numbers digit by digit, symbols by name):'
          : 'Spell it out, character by character:'}
      </Caption1>
      <ol className={styles.list} aria-label={label} data-testid="secret-readout">
        {shown.parts.map((p, i) => (
          <li key={i} className={styles.part}>
            {shown.mode === 'spelled' && <span className={styles.text}>{p.text} </span>}
            {p.say}
          </li>
        ))}
      </ol>
      {natural.mode === 'words' && (
        <div>
          <Button size="small" appearance="subtle" onClick={() => setSpelled((s) => !s)}>
            {spelled ? 'Read as words' : 'Spell every character'}
          </Button>
        </div>
      )}
    </div>
  );
}
