// One part of the tenant policy as cached in main: its title, its value (or why there is none), when
// it was fetched (relative and exact, so a refresh visibly moves it) and why the last refresh failed.
import { Body1, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { PolicyEntry, PolicyPart as PartName, PolicyValues } from '../../../../shared/policy';
import { RelativeTime } from '../../components/RelativeTime';

export const usePartStyles = makeStyles({
  part: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0 },
  },
  age: { color: tokens.colorNeutralForeground3 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  /** Long names (contoso.onmicrosoft.com) wrap inside their cell instead of running over the next. */
  wrap: { overflowWrap: 'anywhere' },
});

export function PartAge<K extends PartName>({ entry }: { entry: PolicyEntry<K> }) {
  const styles = usePartStyles();
  return (
    <>
      <Caption1 className={styles.age}>
        {entry.fetchedAt === null ? (
          'never fetched'
        ) : (
          <>
            fetched <RelativeTime iso={entry.fetchedAt} exact />
          </>
        )}
      </Caption1>
      {entry.error !== null && (
        <Caption1 className={styles.failed}>
          Last refresh failed ({entry.error.code}): {entry.error.message}
        </Caption1>
      )}
    </>
  );
}

const NEVER: PolicyEntry<PartName> = { value: null, fetchedAt: null, error: null };

export function PolicyPart<K extends PartName>({
  id,
  title,
  entry,
  render,
}: {
  id: string;
  title: string;
  /** Missing when main is older than the renderer: shown as never fetched. */
  entry: PolicyEntry<K> | undefined;
  render: (value: PolicyValues[K]) => ReactNode;
}) {
  const styles = usePartStyles();
  const e = (entry ?? NEVER) as PolicyEntry<K>;
  return (
    <section className={styles.part} aria-labelledby={id}>
      <Subtitle2 as="h2" id={id}>
        {title}
      </Subtitle2>
      {e.value === null ? (
        <Body1>{e.error === null ? 'Not fetched yet.' : 'Not known: Resetline could not read it.'}</Body1>
      ) : (
        render(e.value)
      )}
      <PartAge entry={e} />
    </section>
  );
}
