// The audit log's refusals as the agent reads them: Graph's 403 codes for directoryAudits mapped by
// the gateway, then worded by the SSPR view to name the licence, the roles or the permission missing.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { mapGraphError } from '../../../src/main/core/graph/errors';
import { AUDIT_LOG_ROLES, auditLogError } from '../../../src/main/core/reports/sspr';
import { ResetlineError } from '../../../src/shared/result';

function graph403(code: string, message: string): GraphError {
  const e = new GraphError(403, message);
  e.code = code;
  e.requestId = 'req-1';
  return e;
}

const asAgentSeesIt = (e: GraphError) => auditLogError(mapGraphError(e)) as ResetlineError;

describe('audit log refusals', () => {
  it('a licence refusal says what Microsoft’s pages say: audit logs in every edition, Graph reads may need P1 or P2', () => {
    const e = asAgentSeesIt(
      graph403(
        'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        "Neither tenant is B2C or tenant doesn't have premium license",
      ),
    );
    expect(e).toMatchObject({ code: 'licence_required', requestId: 'req-1' });
    expect(e.message).toMatch(/every Entra ID edition, Free included/);
    expect(e.message).toMatch(/Entra ID P1 or P2/);
  });

  it('a role that cannot read audit logs names the roles that can', () => {
    const e = asAgentSeesIt(
      graph403('Authentication_RequestFromUnsupportedUserRole', 'User is not in the allowed roles'),
    );
    expect(e.code).toBe('insufficient_role');
    for (const role of AUDIT_LOG_ROLES) expect(e.message).toContain(role);
    expect(AUDIT_LOG_ROLES).toEqual(expect.arrayContaining(['Reports Reader', 'Security Reader', 'Global Reader']));
  });

  it.each([
    [
      'Authentication_MSGraphPermissionMissing',
      'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
    ],
    [
      'Authentication_ApplicationHasNoReadAuditLogDataAccess',
      "Application missing MSGraph API 'Read all audit log data' permission",
    ],
  ])('%s asks for admin consent to AuditLog.Read.All', (code, message) => {
    const mapped = mapGraphError(graph403(code, message));
    expect(mapped.code).toBe('consent_required');
    expect(mapped.message).toContain('AuditLog.Read.All');
    expect(asAgentSeesIt(graph403(code, message)).message).toMatch(/AuditLog\.Read\.All.*admin consent/);
  });

  it('the gateway names whichever permission Graph says is missing', () => {
    const mapped = mapGraphError(
      graph403(
        'Authentication_MSGraphPermissionMissing',
        'Calling principal does not have required MSGraph permissions Reports.Read.All',
      ),
    );
    expect(mapped.message).toContain('Reports.Read.All');
  });

  it('leaves other failures as the gateway said them', () => {
    const throttled = new ResetlineError('throttled', 'Wait a minute.');
    expect(auditLogError(throttled)).toBe(throttled);
    const plain = new Error('boom');
    expect(auditLogError(plain)).toBe(plain);
  });
});
