// Registration snapshot and password age.
export { registrationExportSource, PASSWORD_AGE_CSV_COLUMNS, REGISTRATION_CSV_COLUMNS } from './exports';
export { deriveRow, methodsRegistered } from './fallback';
export { IngestJob, LICENCE_MESSAGE } from './ingest';
export { registrationJobKinds, type RegistrationJobDeps } from './jobKinds';
export { DEFAULT_VALIDITY_DAYS, NEVER_EXPIRES_DAYS } from './passwordAge';
export { registrationWhere } from './query';
export { RegistrationService, type RegistrationServiceOptions } from './service';
export { currentRun } from './store';
