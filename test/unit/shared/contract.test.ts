// Channel names follow `domain:verb-noun` and sit in the contract domain their prefix names, so a
// channel's name says where its handler, its preload method and its renderer slice live.
import { describe, expect, it } from 'vitest';
import { allChannels, allEvents, channelNames, contract, eventNames, events } from '../../../src/shared/contract';
import * as callerModule from '../../../src/shared/caller';
import * as settingsModule from '../../../src/shared/settings';

const NAME = /^[a-z]+:[a-z]+(-[a-z]+)*$/;
/** The verbs a channel name may start with; the noun after it is optional when the domain names it. */
const VERBS = new Set([
  'answer',
  'cancel',
  'check',
  'close',
  'count',
  'estimate',
  'get',
  'list',
  'open',
  'poll',
  'refresh',
  'reveal',
  'run',
  'search',
  'send',
  'set',
  'sign',
  'start',
  'update',
  'verify',
]);
const verbOf = (name: string) => name.split(':')[1]?.split('-')[0] ?? '';
/** The contract method a channel's name calls for: `sspr:get-caller-attempts` → `getCallerAttempts`. */
const methodName = (name: string) => (name.split(':')[1] ?? '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe('contract channel names', () => {
  it('has channels to check', () => {
    expect(allChannels.length).toBeGreaterThan(0);
    expect(new Set(allChannels.map((c) => c.domain))).toEqual(new Set(Object.keys(contract)));
  });

  it('spells every name domain:verb-noun in lower-case kebab', () => {
    expect(channelNames.filter((name) => !NAME.test(name))).toEqual([]);
  });

  it('starts every name after the domain with a verb', () => {
    expect(channelNames.filter((name) => !VERBS.has(verbOf(name)))).toEqual([]);
  });

  it('keeps every settings write in the settings domain', () => {
    const writes = allChannels.filter(({ channel }) => ['set', 'update'].includes(verbOf(channel.name)));
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter(({ domain }) => domain !== 'settings').map(({ channel }) => channel.name)).toEqual([]);
  });

  it('prefixes every name with its contract domain', () => {
    const misplaced = allChannels
      .filter(({ domain, channel }) => channel.name.split(':')[0] !== domain)
      .map(({ domain, channel }) => `${domain}.${channel.name}`);
    expect(misplaced).toEqual([]);
  });

  it('uses each name once', () => {
    expect(new Set(channelNames).size).toBe(channelNames.length);
  });

  it('names every method after its channel: the camelCase of the part after the colon', () => {
    expect(methodName('sspr:get-caller-attempts')).toBe('getCallerAttempts');
    const misnamed = allChannels
      .filter(({ method, channel }) => method !== methodName(channel.name))
      .map(({ domain, method, channel }) => `${domain}.${method} is ${channel.name}`);
    expect(misnamed).toEqual([]);
  });

  it('takes the settings channels’ input schemas from src/shared/settings.ts, not the caller flow’s module', () => {
    const fromCaller = new Set<unknown>(Object.values(callerModule));
    const settings = new Set<unknown>(Object.values(settingsModule));
    const settingsInputs = allChannels.filter(({ domain }) => domain === 'settings').map(({ channel }) => channel);
    expect(settingsInputs.filter((c) => fromCaller.has(c.input)).map((c) => c.name)).toEqual([]);
    for (const name of ['settings:set-verification-policy', 'settings:set-sms-provider', 'settings:set-sspr']) {
      expect(settings.has(settingsInputs.find((c) => c.name === name)?.input)).toBe(true);
    }
  });
});

describe('contract event names', () => {
  it('lists every event main sends', () => {
    expect(eventNames).toEqual(['auth:session', 'jobs:progress']);
  });

  it('spells every event domain:noun, in the domain its prefix names, once, never a channel’s name', () => {
    const NOUN = /^[a-z]+:[a-z]+(-[a-z]+)*$/;
    expect(eventNames.filter((name) => !NOUN.test(name))).toEqual([]);
    const misplaced = Object.entries(events).flatMap(([domain, named]) =>
      Object.values(named)
        .filter((e) => e.name.split(':')[0] !== domain)
        .map((e) => e.name),
    );
    expect(misplaced).toEqual([]);
    expect(new Set(eventNames).size).toBe(eventNames.length);
    expect(eventNames.filter((name) => channelNames.includes(name))).toEqual([]);
    // A noun, not a verb: an event reports, it asks nothing.
    expect(eventNames.filter((name) => VERBS.has(verbOf(name)))).toEqual([]);
  });

  it('gives every event a zod payload schema', () => {
    expect(allEvents.every((e) => typeof e.payload.safeParse === 'function')).toBe(true);
  });
});
