// The browser host's wire constants live in src/shared/wire.ts: linted anywhere else in src, lines 6 to 10
// are refused (the secret header, an /api/ path, the session path in a template, a /download/ path, the
// event stream's ticket path); Graph's own URLs and other headers (lines 11 and 12) are not.
const origin = 'http://127.0.0.1:1';

export const headers = { 'X-Resetline-Secret': 'f'.repeat(64) };
export const call = '/api/' + encodeURIComponent('app:get-info');
export const session = `${origin}/session`;
export const download = '/download/' + 'token';
export const events = `${origin}/events/ticket`;
export const graph = 'https://graph.microsoft.com/v1.0/api/users';
export const other = { 'content-type': 'application/json' };
