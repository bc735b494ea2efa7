// Shows a failed contract call: its error code (what support asks for) and message, with an optional
// retry, left out when the same request would be refused again (retryCanHelp).
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ResultError } from '../../../shared/result';
import { retryCanHelp } from './errorTitles';

interface Props {
  title: string;
  error: ResultError;
  /** undefined: nothing to retry. */
  onRetry?: (() => void) | undefined;
}

export function ErrorNotice({ title, error, onRetry }: Props) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle> <code>{error.code}</code>: {error.message}
        {error.requestId !== undefined && <> (request id {error.requestId})</>}
      </MessageBarBody>
      {onRetry !== undefined && retryCanHelp(error.code) && (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
