// The writeback policy part against the demo tenant: read as a Global Administrator through the app's
// own session, off in a tenant without writeback, and an error naming the permission (and role) when
// Graph refuses.
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPolicyPart } from '../../../src/main/core/policy/fetch';
import { PolicyService } from '../../../src/main/core/policy/service';
import type { Database } from '../../../src/main/core/store';
import { APP_SCOPES, clientFor, expectDocumentedShape } from '../demo-tenant/graph-helpers';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { tempDb, type TempDb } from '../../unit/store/tempDb';
import { agentByLabel, createSession } from '../../support/sessionHarness';

let t: TestTenant;
let store: TempDb;
let db: Database;

beforeAll(async () => {
  t = await startTestTenant({ users: 60 });
  store = tempDb();
  db = store.db;
});
afterAll(async () => {
  store.dispose();
  await t.close();
});

describe('writeback policy part', () => {
  it('a Global Administrator reads sync and password writeback, with the fetch time', async () => {
    const session = createSession(t, () => agentByLabel(t, 'global-admin'));
    await session.signIn('interactive');
    const service = new PolicyService(db, session, () => Date.parse('2026-11-24T12:00:00Z'));
    const { snapshot } = await service.refreshAndGet();
    expect(snapshot.writeback).toMatchObject({
      value: { syncEnabled: true, passwordSyncEnabled: true, passwordWritebackEnabled: true },
      fetchedAt: '2026-11-24T12:00:00.000Z',
      error: null,
    });
    expect(snapshot.writeback.value!.lastSyncDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('the demo tenant answers in Microsoft’s documented shape', async () => {
    const client = await clientFor(t, 'global.admin@contoso.com', undefined, [
      ...APP_SCOPES,
      'OnPremDirectorySynchronization.Read.All',
    ]);
    const page = (await client.api('/directory/onPremisesSynchronization').get()) as { value: unknown[] };
    const sync = page.value[0];
    expectDocumentedShape<MicrosoftGraph.OnPremisesDirectorySynchronization>(sync, ['id', 'configuration', 'features']);
    expectDocumentedShape<MicrosoftGraph.OnPremisesDirectorySynchronizationFeature>(sync.features, [
      'passwordSyncEnabled',
      'passwordWritebackEnabled',
      'directoryExtensionsEnabled',
      'quarantineUponUpnConflictEnabled',
      'quarantineUponProxyAddressesConflictEnabled',
      'softMatchOnUpnEnabled',
      'cloudPasswordPolicyForPasswordSyncedUsersEnabled',
      'fopeConflictResolutionEnabled',
      'unifiedGroupWritebackEnabled',
      'userWritebackEnabled',
      'deviceWritebackEnabled',
      'synchronizeUpnForManagedUsersEnabled',
      'userForcePasswordChangeOnLogonEnabled',
      'concurrentOrgIdProvisioningEnabled',
      'concurrentCredentialUpdateEnabled',
      'groupWriteBackEnabled',
      'blockSoftMatchEnabled',
      'blockCloudObjectTakeoverThroughHardMatchEnabled',
      'bypassDirSyncOverridesEnabled',
    ]);
  });

  it('a 403 for want of the permission becomes a part error that names it', async () => {
    // A token without OnPremDirectorySynchronization.Read.All (an app registration not consented for it).
    const client = await clientFor(
      t,
      'global.admin@contoso.com',
      undefined,
      APP_SCOPES.filter((s) => s !== 'OnPremDirectorySynchronization.Read.All'),
    );
    await expect(fetchPolicyPart(client, 'writeback')).rejects.toMatchObject({
      message: expect.stringContaining('OnPremDirectorySynchronization.Read.All'),
    });
  });

  it('another role gets the error beside the other parts, which still refresh', async () => {
    const session = createSession(t, () => agentByLabel(t, 'global-reader'));
    await session.signIn('interactive');
    const { snapshot } = await new PolicyService(db, session).refreshAndGet();
    // The cache is per tenant: the Global Administrator's earlier read stays beside the error.
    expect(snapshot.writeback.value).toMatchObject({ passwordWritebackEnabled: true });
    expect(snapshot.writeback.error).toMatchObject({
      code: 'insufficient_role',
      message: expect.stringMatching(/OnPremDirectorySynchronization\.Read\.All.*Global Administrator/),
    });
    expect(snapshot.tap.error).toBeNull();
  });

  it('says writeback is off in a tenant without it', async () => {
    const bare = await startTestTenant({ users: 30, writeback: false });
    try {
      const session = createSession(bare, () => agentByLabel(bare, 'global-admin'));
      await session.signIn('interactive');
      const { snapshot } = await new PolicyService(db, session).refreshAndGet();
      expect(snapshot.writeback.value).toMatchObject({ syncEnabled: true, passwordWritebackEnabled: false });
      expect(snapshot.writeback.error).toBeNull();
    } finally {
      await bare.close();
    }
  });
});
