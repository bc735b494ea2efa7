// The one status every job shows (exports, the registration snapshot), rendered by React into jsdom:
// progress with its counts, rate and time left and a Cancel that cancels; what a finished export
// became; the failure in the agent's words, or as the screen explains it.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { Job, JobState } from '../../../src/shared/jobs';
import { EXPORT_WORDS, JobStatus, progressText } from '../../../src/renderer/src/components/JobStatus';
import type { JobFollow } from '../../../src/renderer/src/store/jobs';
import { jobAs } from '../support/jobs';
import { reactRoot } from '../support/reactRoot';

const { render, container: root } = reactRoot();

const job = (state: JobState, changes: Partial<Job> = {}): Job =>
  jobAs(state, {
    kind: 'registration-ingest',
    params: { kind: 'registration-ingest', source: 'report', resume: true },
    progress: { done: 1_200, total: 3_000 },
    ratePerSecond: 400,
    etaSeconds: 5,
    ...changes,
  });

function show(state: JobFollow, explain?: (message: string) => string) {
  let cancels = 0;
  render(
    <JobStatus
      state={state}
      words={EXPORT_WORDS}
      onCancel={() => cancels++}
      {...(explain ? { explain: (error) => <p>{explain(error.message)}</p> } : {})}
    />,
  );
  return () => cancels;
}

describe('JobStatus', () => {
  it('shows a running job’s progress, rate, time left and Graph’s slow-downs, and Cancel cancels', () => {
    const cancels = show({ status: 'running', job: job('running', { counts: { throttledWaits: 2 } }) });
    expect(root().textContent).toContain(
      '1,200 of 3,000 rows written · 400 rows/s · about 5 s left · Graph asked to slow down 2×',
    );
    expect(root().querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('0.4');
    act(() => [...root().querySelectorAll('button')].find((b) => b.textContent === 'Cancel export')!.click());
    expect(cancels()).toBe(1);
  });

  it('counts without a total until the total is known, and without a rate until there is one', () => {
    const unknown = job('running', { progress: { done: 1, total: null }, ratePerSecond: 0, etaSeconds: null });
    expect(progressText(unknown, { unit: 'user', progressed: '' })).toBe('1 user');
  });

  // The done and cancelled bars themselves are Fluent MessageBars (they need a browser's ResizeObserver):
  // test/e2e/history.spec.ts and registration.spec.ts see them.
  it('says what a finished export became: where Electron saved it, or that the browser did', () => {
    expect(EXPORT_WORDS.done(job('done', { result: { type: 'file', rows: 3, path: '/tmp/h.csv' } }))).toBe(
      'Exported 3 rows to /tmp/h.csv',
    );
    expect(EXPORT_WORDS.done(job('done', { result: { type: 'file', rows: 1, downloadToken: 't' } }))).toBe(
      'Exported 1 row; the browser saved the file.',
    );
  });

  it('shows a failure in the agent’s words, or as the screen explains it', () => {
    const error = { code: 'throttled' as const, message: 'Microsoft Graph asked Resetline to slow down.' };
    show({ status: 'failed', error, job: job('failed', { error }) });
    expect(root().textContent).toContain('The export failed');
    expect(root().textContent).toContain('Microsoft Graph asked Resetline to slow down.');
    show({ status: 'failed', error, job: null }, (m) => `Explained: ${m}`);
    expect(root().textContent).toBe('Explained: Microsoft Graph asked Resetline to slow down.');
  });
});
