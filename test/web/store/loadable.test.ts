// track/save: the one error branch every slice loads and saves through.
import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../src/shared/result';
import { idle, ready, save, track, type Loadable, type SaveState } from '../../../src/renderer/src/store/loadable';
import { deferred } from '../support/fakeApi';

interface State {
  item: Loadable<number>;
  label: Loadable<string>;
  version: number;
  saving: SaveState;
}

/** A slice-like state with the `patch` every slice has, recording each change it was given. */
function slice() {
  const changes: Partial<State>[] = [];
  const state: State = { item: idle, label: idle, version: 0, saving: { status: 'idle' } };
  const patch = (change: Partial<State>) => {
    changes.push(change);
    Object.assign(state, change);
  };
  return { state, changes, patch };
}

describe('track', () => {
  it('shows loading, then the value, and answers the Result', async () => {
    const s = slice();
    const pending = deferred<Result<number>>();
    const tracked = track(s.patch, 'item', () => pending.promise);
    expect(s.state.item).toEqual({ status: 'loading' });
    pending.resolve(ok(7));
    expect(await tracked).toEqual(ok(7));
    expect(s.state.item).toEqual(ready(7));
  });

  it('stores a failed envelope as the error state', async () => {
    const s = slice();
    const result = await track(s.patch, 'item', async () => fail('forbidden', 'No role.'));
    expect(result).toEqual(fail('forbidden', 'No role.'));
    expect(s.state.item).toEqual({ status: 'error', error: { code: 'forbidden', message: 'No role.' } });
  });

  it('turns a rejected call (main gone) into an unavailable error instead of throwing', async () => {
    const s = slice();
    const result = await track(s.patch, 'item', () => Promise.reject(new Error('bridge down')));
    expect(result?.ok).toBe(false);
    expect(s.state.item).toMatchObject({ status: 'error', error: { code: 'unavailable' } });
    expect(s.state.item.status === 'error' && s.state.item.error.message).toContain('bridge down');
  });

  it('drops an answer a newer request superseded, value or failure', async () => {
    const s = slice();
    s.patch({ item: ready(1) });
    let current = true;
    const late = deferred<Result<number>>();
    const tracked = track(s.patch, 'item', () => late.promise, { isCurrent: () => current });
    current = false;
    s.patch({ item: ready(2) });
    late.resolve(ok(99));
    expect(await tracked).toBeNull();
    expect(s.state.item).toEqual(ready(2));
    const failed = await track(s.patch, 'item', async () => fail('internal', 'x'), {
      loading: false,
      isCurrent: () => false,
    });
    expect(failed).toBeNull();
    expect(s.state.item).toEqual(ready(2));
  });

  it('keeps a shown value while reloading when asked, and stores extra changes in the same patch', async () => {
    const s = slice();
    s.patch({ label: ready('old') });
    s.changes.length = 0;
    const pending = deferred<Result<{ text: string }>>();
    const tracked = track(s.patch, 'label', () => pending.promise, {
      loading: false,
      select: (answer) => answer.text,
      alsoReady: () => ({ version: s.state.version + 1 }),
    });
    expect(s.state.label).toEqual(ready('old'));
    pending.resolve(ok({ text: 'new' }));
    await tracked;
    expect(s.changes).toEqual([{ label: ready('new'), version: 1 }]);
    await track(s.patch, 'label', async () => fail('not_found', 'gone'), { alsoError: () => ({ version: 0 }) });
    expect(s.state).toMatchObject({ label: { status: 'error' }, version: 0 });
  });
});

describe('save', () => {
  it('goes saving → saved, storing what the save returned with it', async () => {
    const s = slice();
    const pending = deferred<Result<number>>();
    const saved = save(s.patch, 'saving', () => pending.promise, { alsoSaved: (value) => ({ item: ready(value) }) });
    expect(s.state.saving).toEqual({ status: 'saving' });
    pending.resolve(ok(5));
    expect((await saved).ok).toBe(true);
    expect(s.state).toMatchObject({ saving: { status: 'saved' }, item: ready(5) });
  });

  it('shows a refused save as its error and leaves the value alone', async () => {
    const s = slice();
    s.patch({ item: ready(1) });
    const saved = await save(s.patch, 'saving', async () => fail('invalid_input', 'Bad number.'), {
      alsoSaved: () => ({ item: ready(2) }),
    });
    expect(saved.ok).toBe(false);
    expect(s.state.saving).toEqual({ status: 'error', error: { code: 'invalid_input', message: 'Bad number.' } });
    expect(s.state.item).toEqual(ready(1));
  });
});
