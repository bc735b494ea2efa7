// The Azure set-up an admin deploys once (deploy/azure/resetline-monitor.json) declares exactly what the
// forwarder sends and the demo tenant accepts: the table's and the stream's columns are RECORD_COLUMNS with
// the demo's types, the outputs are the four fields Settings asks for, the roles are Microsoft's built-in ones,
// and nothing in it is a key or a secret. A column added to the records and not to the template fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_COLUMNS, DEMO_STREAM, DEMO_TABLE } from '../../../src/demo-tenant/monitor';
import { fitsType } from '../../../src/demo-tenant/monitor/workspace';
import type { ColumnType } from '../../../src/demo-tenant/monitor/kql';
import { checkpointRecord, eventRecord, RECORD_COLUMNS } from '../../../src/main/core/forwarding/records';
import { ForwardingConfigInput } from '../../../src/shared/forwarding';

const TEMPLATE_FILE = join(__dirname, '../../../deploy/azure/resetline-monitor.json');

interface Resource {
  type: string;
  apiVersion: string;
  name: string;
  kind?: string;
  scope?: string;
  condition?: string;
  metadata?: { docs?: string[] };
  properties: Record<string, unknown>;
}
interface TableColumn {
  name: string;
  type: string;
  description: string;
}
interface Template {
  $schema: string;
  metadata: { docs: string[] };
  parameters: Record<string, { type: string; defaultValue?: unknown }>;
  variables: Record<string, string>;
  resources: Resource[];
  outputs: Record<string, { type: string; value: string; metadata?: { docs?: string[] } }>;
}

const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8')) as Template;

function only(type: string): Resource {
  const found = template.resources.filter((r) => r.type === type);
  expect(found, type).toHaveLength(1);
  return found[0] as Resource;
}

/** `[variables('x')]` → the variable's value; anything else as written. */
function resolved(value: string): string {
  const m = /^\[variables\('([^']+)'\)\]$/.exec(value);
  return m ? (template.variables[m[1] as string] as string) : value;
}

/**
 * Column types: stream declarations spell the date type `datetime` (data-collection-rule-structure.md, "Data
 * types"); the Tables API spells it `dateTime` (create-custom-table.md; Tables.json 2022-10-01 ColumnTypeEnum).
 */
const TABLE_TYPE: Record<ColumnType, string> = {
  string: 'string',
  long: 'long',
  real: 'real',
  boolean: 'boolean',
  datetime: 'dateTime',
  dynamic: 'dynamic',
};

/** The documented resource types and api-versions (each page is cited in the resource's metadata). */
const API_VERSIONS: Record<string, string> = {
  // tutorial-logs-ingestion-api.md (PUT .../tables/MyTable_CL?api-version=2022-10-01); Tables.json, Workspaces.json 2022-10-01
  'Microsoft.OperationalInsights/workspaces': '2022-10-01',
  'Microsoft.OperationalInsights/workspaces/tables': '2022-10-01',
  // tutorial-logs-ingestion-api.md's rule ("apiVersion": "2023-03-11", "kind": "Direct")
  'Microsoft.Insights/dataCollectionRules': '2023-03-11',
  // RoleAssignments_CreateForResource.json 2022-04-01
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
};

/** Built-in role ids: MicrosoftDocs/azure-docs articles/role-based-access-control/built-in-roles/monitor.md. */
const MONITORING_METRICS_PUBLISHER = '3913510d-42f4-4e42-8a64-420c390055eb';
const LOG_ANALYTICS_READER = '73c42c96-874c-492b-b04d-ab87d138a893';

const demoType = new Map(DEMO_COLUMNS.map((c) => [c.name, c.type]));

describe('deploy/azure/resetline-monitor.json', () => {
  it('is a resource-group deployment template with the documented resource types and api-versions', () => {
    expect(template.$schema).toBe('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#');
    expect(Object.fromEntries(template.resources.map((r) => [r.type, r.apiVersion]))).toEqual(API_VERSIONS);
    // No data collection endpoint: a kind Direct rule has its own logs ingestion endpoint (logs-ingestion-api-overview.md).
    expect(template.resources.some((r) => r.type === 'Microsoft.Insights/dataCollectionEndpoints')).toBe(false);
  });

  it("cites Microsoft's pages for the template and every resource", () => {
    expect(template.metadata.docs.length).toBeGreaterThan(0);
    for (const r of template.resources) {
      expect(r.metadata?.docs?.length, r.type).toBeGreaterThan(0);
      for (const page of r.metadata?.docs ?? []) expect(page).toMatch(/^(MicrosoftDocs|Azure)\/[\w-]+ \S+\.(md|json)$/);
    }
    for (const [name, o] of Object.entries(template.outputs)) expect(o.metadata?.docs?.length, name).toBeGreaterThan(0);
  });

  it('declares the table with exactly the forwarded columns, with the demo workspace types', () => {
    const table = only('Microsoft.OperationalInsights/workspaces/tables');
    const schema = table.properties.schema as { name: string; columns: TableColumn[] };
    expect(resolved(schema.name)).toBe(DEMO_TABLE);
    expect(schema.columns.map((c) => c.name)).toEqual([...RECORD_COLUMNS]);
    for (const c of schema.columns) {
      const type = demoType.get(c.name);
      expect(type, c.name).toBeDefined();
      expect(c.type, c.name).toBe(TABLE_TYPE[type as ColumnType]);
      // "The name, type, and description properties are mandatory for each column" (tutorial-logs-ingestion-api.md).
      expect(c.description.trim().length, c.name).toBeGreaterThan(0);
    }
  });

  it("declares the rule's stream with the same columns and sends it unchanged to the table", () => {
    const dcr = only('Microsoft.Insights/dataCollectionRules');
    expect(dcr.kind).toBe('Direct');
    const streams = dcr.properties.streamDeclarations as Record<string, { columns: { name: string; type: string }[] }>;
    expect(Object.keys(streams)).toEqual([DEMO_STREAM]);
    expect(streams[DEMO_STREAM]?.columns).toEqual(DEMO_COLUMNS.map((c) => ({ name: c.name, type: c.type })));
    expect(streams[DEMO_STREAM]?.columns.map((c) => c.name)).toEqual([...RECORD_COLUMNS]);

    const destinations = (
      dcr.properties.destinations as { logAnalytics: { name: string; workspaceResourceId: string }[] }
    ).logAnalytics;
    expect(destinations).toHaveLength(1);
    expect(destinations[0]?.workspaceResourceId).toContain("'Microsoft.OperationalInsights/workspaces'");
    const flows = dcr.properties.dataFlows as {
      streams: string[];
      destinations: string[];
      transformKql: string;
      outputStream: string;
    }[];
    expect(flows).toHaveLength(1);
    const flow = flows[0];
    expect(flow?.streams.map(resolved)).toEqual([DEMO_STREAM]);
    expect(flow?.destinations.map(resolved)).toEqual([resolved(destinations[0]?.name ?? '')]);
    expect(flow?.transformKql).toBe('source');
    expect(resolved(flow?.outputStream ?? '')).toBe(`Custom-${DEMO_TABLE}`);
  });

  it('has a column of a fitting type for every value the forwarder sends', () => {
    const streamTypes = new Map(
      (
        only('Microsoft.Insights/dataCollectionRules').properties.streamDeclarations as Record<
          string,
          { columns: { name: string; type: ColumnType }[] }
        >
      )[DEMO_STREAM]?.columns.map((c) => [c.name, c.type]),
    );
    const hash = Buffer.alloc(32, 7);
    const records = [
      eventRecord(
        {
          id: 12,
          occurred_at: Date.UTC(2026, 0, 2, 3, 4, 5),
          call_id: 'call-1',
          agent_upn: 'helpdesk@contoso.com',
          agent_id: '00000000-0000-0000-0000-000000000001',
          target_id: '00000000-0000-0000-0000-000000000002',
          target_upn: 'alex.cloud@contoso.com',
          target_name: 'Alex Cloud',
          action: 'reset.completed',
          outcome: 'success',
          verification: '{"type":"code"}',
          ticket_ref: 'INC-1',
          notes: 'called from desk phone',
          detail: '{"method":"password"}',
          tenant: 'demo',
          prev_hash: Buffer.alloc(32, 1),
          hash,
        },
        'desk-1',
      ),
      checkpointRecord(
        { id: 3, row_id: 12, row_hash: hash, signed_at: Date.UTC(2026, 0, 2), verified: 1, signature: hash },
        'desk-1',
        'demo',
      ),
    ];
    for (const record of records) {
      for (const [name, value] of Object.entries(record)) {
        const type = streamTypes.get(name);
        expect(type, `${name} is not a column of the template`).toBeDefined();
        expect(fitsType(value, type as ColumnType), `${name} does not fit ${String(type)}`).toBe(true);
      }
    }
  });

  it('outputs exactly the four values Settings asks for, in the shapes Settings accepts', () => {
    expect(Object.keys(template.outputs).sort()).toEqual(Object.keys(ForwardingConfigInput.shape).sort());
    const out = template.outputs;
    expect(out.ingestionEndpoint?.value).toMatch(/dataCollectionRules.*\.endpoints\.logsIngestion\]$/);
    expect(out.dcrImmutableId?.value).toMatch(/dataCollectionRules.*\.immutableId\]$/);
    expect(out.workspaceId?.value).toMatch(/OperationalInsights\/workspaces.*\.customerId\]$/);
    const stream = resolved(out.streamName?.value ?? '');
    expect(stream).toBe(DEMO_STREAM);
    for (const o of Object.values(out)) expect(o.type).toBe('string');
    // What the deployment returns for them, pasted into Settings, passes its validation.
    expect(
      ForwardingConfigInput.safeParse({
        ingestionEndpoint: 'https://resetline-team-trail-a1b2.eastus-1.ingest.monitor.azure.com',
        dcrImmutableId: 'dcr-000a00a000a00000a000000aa000a0aa',
        streamName: stream,
        workspaceId: 'a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1',
      }).success,
    ).toBe(true);
  });

  it('gives agents Monitoring Metrics Publisher on the rule and team leads Log Analytics Reader on the workspace', () => {
    const assignments = template.resources.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments');
    const byRole = new Map(
      assignments.map((a) => {
        const variable = /variables\('([^']+)'\)/.exec(String(a.properties.roleDefinitionId))?.[1] ?? '';
        return [template.variables[variable], a];
      }),
    );
    expect([...byRole.keys()].sort()).toEqual([MONITORING_METRICS_PUBLISHER, LOG_ANALYTICS_READER].sort());
    const publisher = byRole.get(MONITORING_METRICS_PUBLISHER) as Resource;
    const reader = byRole.get(LOG_ANALYTICS_READER) as Resource;
    expect(publisher.scope).toMatch(/^\[format\('Microsoft\.Insights\/dataCollectionRules\/\{0\}'/);
    expect(publisher.properties.principalId).toBe("[parameters('agentsGroupObjectId')]");
    expect(reader.scope).toMatch(/^\[format\('Microsoft\.OperationalInsights\/workspaces\/\{0\}'/);
    expect(reader.properties.principalId).toBe("[parameters('teamLeadsGroupObjectId')]");
    for (const a of assignments) {
      expect(a.properties.principalType).toBe('Group');
      expect(a.properties.roleDefinitionId).toMatch(
        /^\[subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', variables\('\w+'\)\)\]$/,
      );
      // A deterministic name, so a second deployment updates the same assignment (role-assignments-template.md).
      expect(a.name).toMatch(/^\[guid\(/);
      expect(a.condition).toMatch(/^\[not\(empty\(parameters\('/);
    }
  });

  it('holds no keys or secrets and asks for none', () => {
    for (const [name, p] of Object.entries(template.parameters)) {
      expect(p.type.toLowerCase(), name).not.toMatch(/^secure/);
    }
    const SECRET_NAME = /key(?!s?$)|secret|password|connectionstring|sharedkey|token|credential/i;
    const SECRET_CALL = /listKeys|listSecrets|listConnectionStrings|sharedKeys|primarySharedKey/i;
    // A key or token pasted in: one word of 32+ base64 characters mixing digits and both cases (paths and GUIDs have - or .).
    const LONG_TOKEN = /^(?=.*\d)(?=.*[A-Z])(?=.*[a-z])[A-Za-z0-9+/_]{32,}={0,2}$/;
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string') {
        expect(value, path).not.toMatch(SECRET_CALL);
        for (const word of value.split(/[\s'"()[\],]+/)) expect(word, path).not.toMatch(LONG_TOKEN);
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, `${path}[${i}]`));
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k !== 'metadata' && k !== 'description') expect(k, path).not.toMatch(SECRET_NAME);
          walk(v, `${path}.${k}`);
        }
      }
    };
    walk(template, '$');
    // A new workspace accepts Microsoft Entra sign-ins only: no workspace keys to leak (Workspaces.json, disableLocalAuth).
    const workspace = only('Microsoft.OperationalInsights/workspaces');
    expect((workspace.properties.features as { disableLocalAuth?: boolean }).disableLocalAuth).toBe(true);
  });
});
