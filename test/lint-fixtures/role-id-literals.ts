// Role template ids live in src/shared/roles.ts: linted anywhere else in src, the string and the
// template literal naming a role (lines 5 and 6) are refused; another kind of id (line 7) is not.
const origin = 'https://graph.microsoft.com';

export const helpdesk = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
export const url = `${origin}/v1.0/directoryRoles/roleTemplateId=62E90394-69F5-4237-9190-012177145E10`;
export const passwordMethod = '28c10230-6103-485e-b985-444c60001490';
