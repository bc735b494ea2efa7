// Handlers of the Registration and password-age screens. Thin; the work is in
// core/registration. Exports share History's job runner: one Electron save dialog seam, one set of
// browser-host download tokens. Every channel, the stored snapshot included, is for the roles that may
// read the registration report (shared/roles.ts): a snapshot a Global Administrator took is refused
// to a Helpdesk Administrator as the report itself would be.
import { REGISTRATION_READER_ROLES } from '../../../shared/roles';
import type { ExportJobs } from '../exports';
import type { Handlers } from '../host/router';
import { currentRun, registrationExportSource, type RegistrationService } from '../registration';
import { guardAll, requireRole } from './guards';

export interface RegistrationDeps {
  service: RegistrationService;
  exports: ExportJobs;
  now?: () => number;
}

export function createRegistrationHandlers(deps: RegistrationDeps): Pick<Handlers, 'registration'> {
  const { service, exports } = deps;
  const now = deps.now ?? Date.now;
  const reader = () => requireRole(service.session, REGISTRATION_READER_ROLES, 'the registration report');
  // An export job answers only the agent who started it (job ids travel through the renderer).
  const owner = (): string => `registration:${reader().agent.id}`;
  return {
    registration: guardAll(reader, {
      startIngest: (input) => service.startIngest(input),
      getIngest: () => service.getIngest(),
      cancelIngest: () => service.cancelIngest(),
      estimateFallback: () => service.estimateFallback(),
      list: (input) => service.list(input),
      stats: () => service.stats(),
      getUser: ({ userId }) => service.getUser(userId),
      passwordAge: (input) => service.passwordAge(input),
      startExport: async (input) => {
        const run = currentRun(service.db, service.tenantKey());
        const ctx = input.kind === 'password-age' ? await service.passwordAgeContext() : null;
        const source = registrationExportSource(service.db, run?.id ?? null, ctx, input, now());
        return exports.startJob({ ...source, owner: owner() });
      },
      getExport: ({ jobId }) => exports.get(jobId, owner()),
      cancelExport: ({ jobId }) => exports.cancel(jobId, owner()),
    }),
  };
}
