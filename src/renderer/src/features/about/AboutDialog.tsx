// About Resetline: what `app:get-info` reports (version, data folder, tenant mode, host, schema), which is
// what support asks for first. Opened from the navigation footer or Ctrl+Shift+A.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { Fragment, useRef } from 'react';
import type { AppInfo } from '../../../../shared/contract';
import { assertNever } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fluentRef } from '../../components/fluentRef';
import { useStore } from '../../store';
import { hostKindLabel, tenantModeLabel } from './labels';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

function InfoList({ info }: { info: AppInfo }) {
  const styles = useStyles();
  const rows: [string, string][] = [
    ['Name', info.name],
    ['Version', info.version],
    ['Data folder', info.dataFolder],
    ['Tenant mode', tenantModeLabel(info.tenantMode)],
    ['Host', hostKindLabel(info.host)],
    ['Database schema', String(info.schemaVersion)],
  ];
  return (
    <dl className={styles.list}>
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function AboutContent({ onRetry }: { onRetry: () => void }) {
  const info = useStore((s) => s.info);
  switch (info.status) {
    case 'idle':
    case 'loading':
      return <Spinner size="small" label="Loading app information…" />;
    case 'error':
      return <ErrorNotice title="Could not load app information" error={info.error} onRetry={onRetry} />;
    case 'ready':
      return <InfoList info={info.value} />;
    default:
      return assertNever(info, 'load status');
  }
}

export function AboutDialog() {
  const open = useStore((s) => s.aboutOpen);
  const setAboutOpen = useStore((s) => s.setAboutOpen);
  const loadInfo = useStore((s) => s.loadInfo);
  const closeRef = useRef<HTMLButtonElement>(null);
  // The retry button disappears with the error it belongs to; keep focus inside the dialog so Escape and
  // Tab still work for a keyboard user.
  const retry = () => {
    closeRef.current?.focus();
    void loadInfo();
  };
  return (
    <Dialog open={open} onOpenChange={(_, data) => setAboutOpen(data.open)}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>About Resetline</DialogTitle>
          <DialogContent>
            <AboutContent onRetry={retry} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" ref={fluentRef(closeRef)} onClick={() => setAboutOpen(false)}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
