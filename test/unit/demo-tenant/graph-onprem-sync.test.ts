// GET /directory/onPremisesSynchronization: Microsoft's shape (a collection of one object whose
// features carry passwordWritebackEnabled), its own permission, and Global Administrator only.
import { describe, expect, it } from 'vitest';
import { ALL_SCOPES, harness } from './graph-harness';

const SYNC_SCOPES = [...ALL_SCOPES, 'OnPremDirectorySynchronization.Read.All'];
// Microsoft's permission map grants GET …/onPremisesSynchronization/{id} to ReadWrite.All only (rules/scopes.ts).
const ONE_SCOPES = [...ALL_SCOPES, 'OnPremDirectorySynchronization.ReadWrite.All'];

describe('directory synchronization', () => {
  it('serves the features with password writeback on when the tenant writes back', async () => {
    const h = harness();
    const r = await h.as('global.admin@contoso.com')('GET', '/directory/onPremisesSynchronization', {
      scopes: SYNC_SCOPES,
    });
    expect(r.status).toBe(200);
    expect(r.json['@odata.context']).toMatch(/\$metadata#directory\/onPremisesSynchronization$/);
    expect(r.json.value).toHaveLength(1);
    expect(r.json.value[0]).toMatchObject({
      id: h.dir.tenant.tenantId,
      configuration: { accidentalDeletionPrevention: { synchronizationPreventionType: 'enabledForCount' } },
      features: { passwordSyncEnabled: true, passwordWritebackEnabled: true, userWritebackEnabled: false },
    });
    const one = await h.as('global.admin@contoso.com')(
      'GET',
      `/directory/onPremisesSynchronization/${h.dir.tenant.tenantId}`,
      { scopes: ONE_SCOPES },
    );
    expect(one.json.features.passwordWritebackEnabled).toBe(true);
    const missing = await h.as('global.admin@contoso.com')('GET', '/directory/onPremisesSynchronization/nope', {
      scopes: ONE_SCOPES,
    });
    expect(missing.status).toBe(404);
  });

  it('says writeback is off in a tenant without it', async () => {
    const h = harness({ writeback: false });
    const r = await h.as('global.admin@contoso.com')('GET', '/directory/onPremisesSynchronization', {
      scopes: SYNC_SCOPES,
    });
    expect(r.json.value[0].features).toMatchObject({ passwordSyncEnabled: true, passwordWritebackEnabled: false });
  });

  it('needs OnPremDirectorySynchronization.Read.All and the Global Administrator role', async () => {
    const h = harness();
    const noScope = await h.as('global.admin@contoso.com')('GET', '/directory/onPremisesSynchronization');
    expect(noScope.status).toBe(403);
    expect(noScope.json.error.code).toBe('Authorization_RequestDenied');
    const reader = await h.as('global.reader@contoso.com')('GET', '/directory/onPremisesSynchronization', {
      scopes: SYNC_SCOPES,
    });
    expect(reader.status).toBe(403);
    const post = await h.as('global.admin@contoso.com')('POST', '/directory/onPremisesSynchronization', {
      scopes: SYNC_SCOPES,
    });
    expect(post.status).toBe(405);
  });
});
