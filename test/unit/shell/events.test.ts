// Events on the Electron side, without an Electron binary: main's half (app/ipcEvents.ts) sends each
// bus event under its contract name to live windows showing our own page only; the preload's half
// (preload/events.ts) listens only to contract events and hands listeners only payloads the contract
// accepts. ipc.ts and preload/index.ts only wire these to BrowserWindow and ipcRenderer (read below).
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { forwardEventsToWindows, type EventWindow } from '../../../src/main/app/ipcEvents';
import { isAppUrl } from '../../../src/main/app/policy';
import { createEventBus } from '../../../src/main/core/host/events';
import { ipcSubscriptions } from '../../../src/preload/events';
import type { Job } from '../../../src/shared/jobs';
import { jobSnapshot as jobAs } from '../../support/jobs';

const ENTRY = 'app://resetline/index.html';

function windowAt(url: string, destroyed = false) {
  const sent: [string, unknown][] = [];
  const win: EventWindow = {
    isDestroyed: () => destroyed,
    url: () => url,
    send: (channel, payload) => void sent.push([channel, payload]),
  };
  return { win, sent };
}

describe('events to the Electron window (main)', () => {
  it('sends each event under its name to live windows showing our own app, and stops when unmounted', () => {
    const bus = createEventBus();
    const ours = windowAt('app://resetline/index.html#/history');
    const navigated = windowAt('https://login.microsoftonline.com/common/oauth2');
    const closed = windowAt(ENTRY, true);
    const stop = forwardEventsToWindows(
      bus,
      () => [ours.win, navigated.win, closed.win],
      (url) => isAppUrl(url, ENTRY),
    );
    bus.publish('jobs:progress', jobAs('running'));
    expect(ours.sent).toEqual([['jobs:progress', jobAs('running')]]);
    expect(navigated.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
    stop();
    bus.publish('jobs:progress', jobAs('done'));
    expect(ours.sent).toHaveLength(1);
  });

  it('is wired in ipc.ts and app/index.ts with the real windows and the runtime’s bus', () => {
    const ipc = readFileSync('src/main/app/ipc.ts', 'utf8');
    expect(ipc).toMatch(/forwardEventsToWindows\(/);
    expect(ipc).toMatch(/win\.webContents\.send\(channel, payload\)/);
    expect(ipc).toMatch(/isAppUrl\(url, rendererEntry\(\)\)/);
    expect(readFileSync('src/main/app/index.ts', 'utf8')).toMatch(/mountIpc\(runtime\.router, runtime\.events\)/);
  });
});

describe('events in the preload', () => {
  it('listens to contract events only, and hands on only payloads the contract accepts', () => {
    const ipc = new EventEmitter();
    const subscriptions = ipcSubscriptions(ipc);
    const seen: Job[] = [];
    const off = subscriptions.on('jobs:progress', (job) => seen.push(job));
    expect(() => subscriptions.on('auth:sign-in' as never, () => undefined)).toThrow(/no event named auth:sign-in/);
    ipc.emit('jobs:progress', {}, jobAs('running'));
    ipc.emit('jobs:progress', {}, { ...jobAs('running'), extra: 'not in the contract' });
    ipc.emit('jobs:progress', {}, 'not a job');
    expect(seen).toEqual([jobAs('running')]);
    off();
    expect(ipc.listenerCount('jobs:progress')).toBe(0);
    ipc.emit('jobs:progress', {}, jobAs('done'));
    expect(seen).toHaveLength(1);
  });

  it('says the IPC stream is up, and is what preload/index.ts exposes', () => {
    const states: string[] = [];
    ipcSubscriptions(new EventEmitter()).onStream((state) => states.push(state));
    expect(states).toEqual(['up']);
    expect(readFileSync('src/preload/index.ts', 'utf8')).toMatch(/ipcSubscriptions\(ipcRenderer\)/);
  });
});
