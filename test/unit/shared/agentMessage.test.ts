// Refused inputs in an agent's words: each zod issue of the real schemas becomes a sentence naming
// the field as an agent knows it, never zod's text, a path or a type name.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { agentMessage, FIELD_LABELS, MALFORMED_REQUEST } from '../../../src/shared/agentMessage';
import { ResetRunInput } from '../../../src/shared/caller';
import { VerificationPolicyInput } from '../../../src/shared/settings';
import { allChannels } from '../../../src/shared/contract';
import { AuditListInput } from '../../../src/shared/audit';
import { PasswordAgeInput, RegistrationListInput } from '../../../src/shared/registration';
import { UserSearchInput } from '../../../src/shared/users';

const CALL = '00000000-0000-4000-8000-000000000000';

function messageFor(schema: z.ZodType, input: unknown): string {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return agentMessage(parsed.error.issues);
}

/** zod's own wording and developer terms an agent should never read. */
const DEVELOPER_SPEAK = /Too (big|small)|expected|received|>=|<=|Invalid|Unrecognized|undefined|\bitems\b|\w+\.\w+:/;

describe('agentMessage', () => {
  it('says a search is too long, with the limit, instead of zod text', () => {
    expect(messageFor(UserSearchInput, { text: 'a'.repeat(5000) })).toBe(
      'The search is too long: at most 200 characters.',
    );
    expect(messageFor(RegistrationListInput, { query: { search: 'x'.repeat(201) } })).toBe(
      'The search is too long: at most 200 characters.',
    );
  });

  it('asks for at least one action, and keeps sentences written in the schema', () => {
    expect(messageFor(ResetRunInput, { callId: CALL, actions: [] })).toBe('Choose at least one action.');
    expect(
      messageFor(ResetRunInput, { callId: CALL, actions: [{ kind: 'revokeSessions' }, { kind: 'revokeSessions' }] }),
    ).toBe('Each action at most once.');
    expect(messageFor(UserSearchInput, { text: 'a' })).toBe('Type at least two characters.');
  });

  it('names numbers, lists and choices in words, one sentence per field', () => {
    expect(messageFor(PasswordAgeInput, { withinDays: 400 })).toBe('The number of days must be 365 or less.');
    expect(
      messageFor(VerificationPolicyInput, {
        requiredChecks: 2,
        allowedTypes: [],
        maxAttempts: 50,
        codeLength: 6,
      }),
    ).toMatch(/^Choose at least one verification type\. The number of attempts must be 10 or less\./);
    expect(messageFor(AuditListInput, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toBe(
      'The start date must not be after the end date.',
    );
  });

  it('answers a malformed request (not something typed) with one plain sentence', () => {
    expect(messageFor(UserSearchInput, undefined)).toBe(MALFORMED_REQUEST);
    expect(messageFor(UserSearchInput, { text: 'ab', extra: 1 })).toBe(MALFORMED_REQUEST);
  });

  it('never shows zod wording for any field of any channel', () => {
    // Each string field at 5,000 characters and each number at -1: whatever the schema says, in words.
    for (const { channel } of allChannels) {
      const shape = (channel.input as unknown as { shape?: Record<string, unknown> }).shape;
      if (shape === undefined) continue;
      for (const key of Object.keys(shape)) {
        for (const bad of ['x'.repeat(5000), -1, '', 'not-a-value']) {
          const parsed = channel.input.safeParse({ [key]: bad });
          if (parsed.success) continue;
          const text = agentMessage(parsed.error.issues);
          expect(text, `${channel.name} ${key}=${String(bad).slice(0, 10)}`).not.toMatch(DEVELOPER_SPEAK);
        }
      }
    }
  });

  it('has a label for every field name of every channel input', () => {
    const keys = new Set<string>();
    const walk = (schema: unknown, depth: number) => {
      if (depth > 4 || schema === null || typeof schema !== 'object') return;
      const def = (schema as { def?: Record<string, unknown> }).def;
      const shape = (schema as { shape?: Record<string, unknown> }).shape;
      if (shape !== undefined && typeof shape === 'object') {
        for (const [k, v] of Object.entries(shape)) {
          keys.add(k);
          walk(v, depth + 1);
        }
      }
      for (const inner of [def?.innerType, def?.in, def?.out, def?.element, ...((def?.options as unknown[]) ?? [])])
        walk(inner, depth + 1);
    };
    for (const { channel } of allChannels) walk(channel.input, 0);
    const missing = [...keys].filter((k) => FIELD_LABELS[k] === undefined).sort();
    expect(missing).toEqual([]);
  });
});
