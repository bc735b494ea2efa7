// The signed-in agent: profile and active directory roles (GET /me/memberOf, directoryRole objects with
// roleTemplateId, GRAPH-NOTES A7) in one batch. The app offers only what these roles allow.
import type { Client } from '@microsoft/microsoft-graph-client';
import { roleKeyForTemplate, type AgentRole } from '../../../shared/roles';
import { sendBatch } from './batch';
import { mapGraphError } from './errors';

export interface AgentProfile {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  roles: AgentRole[];
}

export async function getAgentProfile(client: Client): Promise<AgentProfile> {
  let answers;
  try {
    answers = await sendBatch(client, [
      { id: 'me', method: 'GET', url: '/me?$select=id,displayName,userPrincipalName,mail' },
      { id: 'roles', method: 'GET', url: '/me/memberOf?$select=id,displayName,roleTemplateId' },
    ]);
  } catch (error) {
    throw mapGraphError(error);
  }
  const me = answers.get('me');
  const roles = answers.get('roles');
  for (const answer of [me, roles]) {
    if (!answer || answer.status !== 200) {
      throw mapGraphError({
        statusCode: answer?.status ?? 0,
        body: answer?.body,
        message: JSON.stringify(answer?.body ?? {}),
      });
    }
  }
  const profile = me!.body as { id: string; displayName?: string; userPrincipalName: string; mail?: string | null };
  const value = (roles!.body as { value?: Record<string, unknown>[] }).value ?? [];
  return {
    id: profile.id,
    displayName: profile.displayName ?? profile.userPrincipalName,
    userPrincipalName: profile.userPrincipalName,
    mail: profile.mail ?? null,
    roles: value
      .filter((o) => o['@odata.type'] === '#microsoft.graph.directoryRole' && typeof o.roleTemplateId === 'string')
      .map((o) => ({
        templateId: String(o.roleTemplateId),
        key: roleKeyForTemplate(String(o.roleTemplateId)) ?? null,
        displayName: String(o.displayName ?? o.roleTemplateId),
      })),
  };
}
