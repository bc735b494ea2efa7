// The foot of every settings form: its Save button, a status line that says "Saving…" and then what
// was saved, and the error notice when main refused the save. The status line is a live region that
// is always there, so screen readers hear each change in it.
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { MouseEvent } from 'react';
import type { ResultError } from '../../../shared/result';
import type { SaveState } from '../store/loadable';
import { ErrorNotice } from './ErrorNotice';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

interface Props {
  /** The form's save, from the store. */
  state: SaveState;
  /** The button's text (its accessible name). */
  label: string;
  /** What the status line says once saved ("Settings saved."). */
  savedText: string;
  /** The error notice's title, or how to pick it from the refusal. */
  errorTitle: string | ((error: ResultError) => string);
  /** False when the form shows the refusal elsewhere (under the field it names). Default true. */
  showError?: boolean;
  /** Holds the button back for a reason of the form's own; it is always held back while saving. */
  disabled?: boolean;
  /** Saves on click; without it the button submits its form, whose onSubmit saves. */
  onSave?: () => void;
}

export function SaveFooter({ state, label, savedText, errorTitle, showError = true, disabled = false, onSave }: Props) {
  const styles = useStyles();
  const heldBack = disabled || state.status === 'saving';
  // A held-back button stays focusable (disabledFocusable), but Fluent only drops its onClick: the
  // browser would still submit the form, so the click is cancelled here (Enter in a field too, which
  // clicks the form's submit button). One save at a time.
  const onClick = (event: MouseEvent) => {
    if (heldBack) event.preventDefault();
    else onSave?.();
  };
  return (
    <>
      <div className={styles.actions}>
        <Button
          type={onSave === undefined ? 'submit' : 'button'}
          appearance="primary"
          disabledFocusable={heldBack}
          onClickCapture={onClick}
        >
          {label}
        </Button>
        <span role="status">
          {state.status === 'saving' && <Spinner size="tiny" label="Saving…" labelPosition="after" />}
          {state.status === 'saved' && savedText}
        </span>
      </div>
      {state.status === 'error' && showError && (
        <ErrorNotice
          title={typeof errorTitle === 'string' ? errorTitle : errorTitle(state.error)}
          error={state.error}
        />
      )}
    </>
  );
}
