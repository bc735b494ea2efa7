// The settings forms' shared foot, rendered by React into jsdom: the button's name, what the status
// line says in each save state, which error notice shows, and how the button saves.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ResultError } from '../../../src/shared/result';
import { SaveFooter } from '../../../src/renderer/src/components/SaveFooter';
import type { SaveState } from '../../../src/renderer/src/store/loadable';
import { reactRoot } from '../support/reactRoot';

const { render, container: root } = reactRoot();

const refused: ResultError = { code: 'not_allowed', message: 'Only an admin may.', requestId: 'req-1' };

function footer(state: SaveState, extra: Partial<Parameters<typeof SaveFooter>[0]> = {}) {
  return (
    <SaveFooter state={state} label="Save thing" savedText="Thing saved." errorTitle="Could not save" {...extra} />
  );
}

const button = () => root().querySelector('button')!;
const status = () => root().querySelector('[role="status"]')!;
const alertText = () => root().querySelector('[role="alert"], .fui-MessageBar')?.textContent ?? null;

describe('SaveFooter', () => {
  it('names the button by its label, submits its form and keeps an empty status line while idle', () => {
    render(footer({ status: 'idle' }));
    expect(button().textContent).toBe('Save thing');
    expect(button().type).toBe('submit');
    expect(button().getAttribute('aria-disabled')).not.toBe('true');
    expect(status().textContent).toBe('');
    expect(alertText()).toBeNull();
  });

  it('says Saving… in the status line and holds the button back while saving', () => {
    render(footer({ status: 'saving' }));
    expect(status().textContent).toContain('Saving…');
    expect(button().getAttribute('aria-disabled')).toBe('true');
  });

  it('says what was saved once saved', () => {
    render(footer({ status: 'saved' }));
    expect(status().textContent).toBe('Thing saved.');
    expect(button().getAttribute('aria-disabled')).not.toBe('true');
  });

  it('shows the refusal with its title, code, message and request id', () => {
    render(footer({ status: 'error', error: refused }));
    expect(status().textContent).toBe('');
    const text = alertText();
    expect(text).toContain('Could not save');
    expect(text).toContain('not_allowed');
    expect(text).toContain('Only an admin may.');
    expect(text).toContain('req-1');
  });

  it('picks the title from the refusal when given a function', () => {
    render(footer({ status: 'error', error: refused }, { errorTitle: (e) => `Refused: ${e.code}` }));
    expect(alertText()).toContain('Refused: not_allowed');
  });

  it('leaves the refusal to the form when told to', () => {
    render(footer({ status: 'error', error: refused }, { showError: false }));
    expect(alertText()).toBeNull();
  });

  it('holds the button back when the form says so', () => {
    render(footer({ status: 'idle' }, { disabled: true }));
    expect(button().getAttribute('aria-disabled')).toBe('true');
  });

  it('saves on click when given onSave, without submitting a form', () => {
    let saves = 0;
    let submits = 0;
    render(
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submits += 1;
        }}
      >
        {footer({ status: 'idle' }, { onSave: () => (saves += 1) })}
      </form>,
    );
    expect(button().type).toBe('button');
    act(() => button().click());
    expect(saves).toBe(1);
    expect(submits).toBe(0);
    render(footer({ status: 'saving' }, { onSave: () => (saves += 1) }));
    act(() => button().click());
    expect(saves).toBe(1);
  });

  it('submits its form when it has no onSave, and not while saving', () => {
    let submits = 0;
    const form = (state: SaveState) => (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submits += 1;
        }}
      >
        {footer(state)}
      </form>
    );
    render(form({ status: 'idle' }));
    act(() => button().click());
    expect(submits).toBe(1);
    render(form({ status: 'saving' }));
    act(() => button().click());
    expect(submits).toBe(1);
  });
});
