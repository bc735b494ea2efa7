// The request trace the conformance check reads: one line per Graph request, $batch items one by one.
import { describe, expect, it } from 'vitest';
import { tracedRequests } from '../../../src/main/core/graph/trace';

describe('tracedRequests', () => {
  it('records a request by method and path, without the query or the version root', () => {
    expect(tracedRequests('get', 'https://graph.microsoft.com/v1.0/users?$select=id', undefined, 'global')).toEqual([
      { method: 'GET', path: '/users', cloud: 'global' },
    ]);
  });

  it('records each item of a $batch, and nothing for a body it cannot read', () => {
    const body = JSON.stringify({
      requests: [
        { id: '1', method: 'GET', url: '/users/u1/authentication/methods' },
        { id: '2', method: 'post', url: 'users/u1/revokeSignInSessions' },
      ],
    });
    expect(tracedRequests('POST', 'https://127.0.0.1:9/v1.0/$batch', body, 'china')).toEqual([
      { method: 'GET', path: '/users/u1/authentication/methods', cloud: 'china' },
      { method: 'POST', path: '/users/u1/revokeSignInSessions', cloud: 'china' },
    ]);
    expect(tracedRequests('POST', '/v1.0/$batch', '{not json', 'global')).toEqual([]);
  });
});
