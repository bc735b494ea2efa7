// The verdict of `audit:verify`: a tampered trail must be impossible to miss, so a break is a red bar
// naming the first broken row.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

export function ChainStatus() {
  const chain = useStore((s) => s.history.chain);
  const verifyChain = useStore((s) => s.verifyChain);
  const recheck = (
    <MessageBarActions>
      <Button onClick={() => void verifyChain()}>Check again</Button>
    </MessageBarActions>
  );

  switch (chain.status) {
    case 'idle':
    case 'loading':
      return <Spinner size="tiny" labelPosition="after" label="Checking the audit trail…" />;
    case 'error':
      return (
        <ErrorNotice title="Could not check the audit trail" error={chain.error} onRetry={() => void verifyChain()} />
      );
    case 'ready': {
      const result = chain.value;
      if (result.intact) {
        return (
          <MessageBar intent="success">
            <MessageBarBody>Audit trail intact ({rows(result.rowsChecked)})</MessageBarBody>
            {recheck}
          </MessageBar>
        );
      }
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              Audit trail broken at row #{result.firstBrokenId}: {result.reason}
            </MessageBarTitle>{' '}
            Rows from this one on cannot be trusted: the trail was changed outside Resetline. Keep the data folder as it
            is and report it.
          </MessageBarBody>
          {recheck}
        </MessageBar>
      );
    }
  }
}
