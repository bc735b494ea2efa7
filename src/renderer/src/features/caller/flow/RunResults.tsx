// What each requested action did: done, pending (a synced user's reset, polled until it ends),
// failed with main's message, or not run because an earlier one failed.
import { Badge, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { ActionResult } from '../../../../../shared/caller';
import { assertNever } from '../../../../../shared/result';
import { useStore } from '../../../store';
import { actionLabel, resultStatusLabel } from './labels';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

function color(status: ActionResult['status']) {
  switch (status) {
    case 'done':
      return 'success' as const;
    case 'pending':
      return 'warning' as const;
    case 'failed':
      return 'danger' as const;
    case 'not-run':
      return 'subtle' as const;
    default:
      return assertNever(status, 'result status');
  }
}

export function RunResults() {
  const styles = useStyles();
  const run = useStore((s) => s.call.run);
  if (run === null) return null;
  return (
    <ul className={styles.list} aria-label="Action results">
      {run.results.map((r) => (
        <li key={r.kind} className={styles.item} data-status={r.status}>
          <Text weight="semibold">{actionLabel(r.kind)}</Text>
          <Badge appearance="filled" color={color(r.status)}>
            {resultStatusLabel(r.status)}
          </Badge>
          {r.status === 'pending' && <Spinner size="extra-tiny" aria-label="Checking again" />}
          <Text>{r.message}</Text>
        </li>
      ))}
    </ul>
  );
}
