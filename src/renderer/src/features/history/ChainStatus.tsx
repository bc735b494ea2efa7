// The verdict of `audit:verify`: a tampered trail must be impossible to miss, so a break is a red bar
// naming the first broken row (and the signed checkpoint it contradicts); a trail whose signing key
// is gone is a warning, since a rewrite of the whole trail would then go unnoticed.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import type { AuditSigningState } from '../../../../shared/audit';
import { assertNever } from '../../../../shared/result';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../format';
import { useStore } from '../../store';

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** Why the signed checkpoints cannot vouch for the trail, when the links alone are intact. */
const KEY_PROBLEM: Partial<Record<AuditSigningState, string>> = {
  'key-missing': 'the signing key is missing from the data folder',
  'key-unreadable': 'the signing key cannot be opened on this computer account',
};

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
      const keyProblem = result.signing && KEY_PROBLEM[result.signing];
      if (result.intact && keyProblem) {
        return (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                Audit trail links intact ({rows(result.rowsChecked)}), but {keyProblem}.
              </MessageBarTitle>{' '}
              A rewrite of the whole trail would not be noticed. Keep the data folder as it is and tell your
              administrator.
            </MessageBarBody>
            {recheck}
          </MessageBar>
        );
      }
      if (result.intact) {
        return (
          <MessageBar intent="success">
            <MessageBarBody>
              Audit trail intact ({rows(result.totalRows ?? result.rowsChecked)})
              {result.resumedFrom && (
                <span>
                  {' '}
                  — {rows(result.rowsChecked)} new since the check of {formatDateTime(result.resumedFrom.signedAt)}
                </span>
              )}
            </MessageBarBody>
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
            {result.checkpoint &&
              `It does not match signed checkpoint #${result.checkpoint.id}, dated ${formatDateTime(result.checkpoint.signedAt)}. `}
            Rows from this one on cannot be trusted: the trail was changed outside Resetline. Keep the data folder as it
            is and report it.
          </MessageBarBody>
          {recheck}
        </MessageBar>
      );
    }
    default:
      return assertNever(chain, 'load status');
  }
}
