// The $batch fallback's confirmation: what it will cost (users, requests, $batch calls, concurrency,
// estimated time, from `registration:estimate-fallback`) is shown before the admin can start it.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { assertNever } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../format';
import { useStore } from '../../store';
import { formatDuration } from './labels';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: `${tokens.spacingVerticalM} 0`,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0 },
  pair: { display: 'contents' },
});

function Estimate() {
  const styles = useStyles();
  const estimate = useStore((s) => s.registration.estimate);
  const load = useStore((s) => s.loadFallbackEstimate);
  switch (estimate.status) {
    case 'idle':
    case 'loading':
      return <Spinner size="small" label="Working out what it will cost…" />;
    case 'error':
      return <ErrorNotice title="Could not estimate the fallback" error={estimate.error} onRetry={() => void load()} />;
    case 'ready': {
      const e = estimate.value;
      const facts: [string, string][] = [
        ['Users', formatNumber(e.users)],
        ['Graph requests', formatNumber(e.requests)],
        ['$batch calls (20 requests each)', formatNumber(e.batches)],
        ['Calls at once', formatNumber(e.concurrency)],
        ['Estimated time', `about ${formatDuration(e.estimatedSeconds)}`],
      ];
      return (
        <dl className={styles.facts}>
          {facts.map(([term, value]) => (
            <div key={term} className={styles.pair}>
              <dt className={styles.term}>{term}</dt>
              <dd className={styles.dd}>{value}</dd>
            </div>
          ))}
        </dl>
      );
    }
    default:
      return assertNever(estimate, 'load status');
  }
}

export function FallbackDialog() {
  const [open, setOpen] = useState(false);
  const loadEstimate = useStore((s) => s.loadFallbackEstimate);
  const ready = useStore((s) => s.registration.estimate.status === 'ready');
  const start = useStore((s) => s.startIngest);
  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        if (data.open) void loadEstimate();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary">Use the $batch fallback…</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Build the snapshot through $batch?</DialogTitle>
          <DialogContent>
            <Text block>
              Resetline will read every user&apos;s registered methods from Microsoft Graph, 20 requests to a $batch
              call. It takes far longer than the report and counts against the tenant&apos;s Graph throttling limits;
              other tools using Graph may slow down meanwhile. It can be cancelled and resumed.
            </Text>
            <Estimate />
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button>Not now</Button>
            </DialogTrigger>
            <Button
              appearance="primary"
              disabledFocusable={!ready}
              onClick={() => {
                setOpen(false);
                void start('batch-fallback', true);
              }}
            >
              Start the $batch fallback
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
