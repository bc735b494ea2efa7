// The error notice every screen shows for a failed call, rendered by React into jsdom: it offers
// "Try again" only where sending the same request again could succeed, never for an input Resetline
// refused (the agent changes what they typed instead).
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../../src/shared/result';
import { ErrorNotice } from '../../../src/renderer/src/components/ErrorNotice';
import { retryCanHelp } from '../../../src/renderer/src/components/errorTitles';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render(node: ReactNode) {
  act(() => root.render(node));
}

const buttons = () => [...container.querySelectorAll('button')].map((b) => b.textContent);

function notice(code: ErrorCode, message: string) {
  let retried = 0;
  render(<ErrorNotice title="Could not load the users" error={{ code, message }} onRetry={() => retried++} />);
  return () => retried;
}

describe('ErrorNotice', () => {
  it('shows a refused input’s sentence without a Try again that would send it again', () => {
    notice('invalid_input', 'The search is too long: at most 200 characters.');
    expect(container.textContent).toContain('The search is too long: at most 200 characters.');
    expect(buttons()).toEqual([]);
  });

  it('offers Try again for a failure a retry can fix, and it retries', () => {
    const retried = notice('network', 'Could not reach Microsoft Graph.');
    expect(buttons()).toEqual(['Try again']);
    act(() => container.querySelector('button')!.click());
    expect(retried()).toBe(1);
  });

  it('leaves Try again out only for codes that refuse the same request every time', () => {
    expect(ERROR_CODES.filter((c) => !retryCanHelp(c))).toEqual(['invalid_input', 'unknown_channel']);
  });
});
