// The error notice every screen shows for a failed call, rendered by React into jsdom: it offers
// "Try again" only where sending the same request again could succeed, never for an input Resetline
// refused (the agent changes what they typed instead).
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../../src/shared/result';
import { ErrorNotice } from '../../../src/renderer/src/components/ErrorNotice';
import { retryCanHelp } from '../../../src/renderer/src/components/errorTitles';
import { reactRoot } from '../support/reactRoot';

const { render, container: root } = reactRoot();

const buttons = () => [...root().querySelectorAll('button')].map((b) => b.textContent);

function notice(code: ErrorCode, message: string) {
  let retried = 0;
  render(<ErrorNotice title="Could not load the users" error={{ code, message }} onRetry={() => retried++} />);
  return () => retried;
}

describe('ErrorNotice', () => {
  it('shows a refused input’s sentence without a Try again that would send it again', () => {
    notice('invalid_input', 'The search is too long: at most 200 characters.');
    expect(root().textContent).toContain('The search is too long: at most 200 characters.');
    expect(buttons()).toEqual([]);
  });

  it('offers Try again for a failure a retry can fix, and it retries', () => {
    const retried = notice('network', 'Could not reach Microsoft Graph.');
    expect(buttons()).toEqual(['Try again']);
    act(() => root().querySelector('button')!.click());
    expect(retried()).toBe(1);
  });

  it('leaves Try again out only for codes that refuse the same request every time', () => {
    expect(ERROR_CODES.filter((c) => !retryCanHelp(c))).toEqual(['invalid_input', 'unknown_channel']);
  });
});
