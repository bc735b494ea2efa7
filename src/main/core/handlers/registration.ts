// Handlers of the Registration and password-age screens. Thin; the work is in
// core/registration. Exports share History's job runner: one Electron save dialog seam, one set of
// browser-host download tokens.
import type { ExportJobs } from '../exports';
import type { Handlers } from '../host/router';
import { currentRun, registrationExportSource, type RegistrationService } from '../registration';

export interface RegistrationDeps {
  service: RegistrationService;
  exports: ExportJobs;
  now?: () => number;
}

export function createRegistrationHandlers(deps: RegistrationDeps): Pick<Handlers, 'registration'> {
  const { service, exports } = deps;
  const now = deps.now ?? Date.now;
  return {
    registration: {
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
        return exports.startJob(registrationExportSource(service.db, run?.id ?? null, ctx, input, now()));
      },
      getExport: ({ jobId }) => exports.get(jobId),
      cancelExport: ({ jobId }) => exports.cancel(jobId),
    },
  };
}
