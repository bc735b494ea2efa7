// CSV export jobs shared by History and the registration screens.
export {
  CSV_BOM,
  csvCell,
  csvLine,
  drainingWriter,
  ExportCancelledError,
  writeCsvPages,
  type CsvValue,
  type WriteCsvOptions,
} from './csv';
export { ExportJobNotFoundError, ExportJobs, type ExportJob, type ExportJobsOptions, type ExportSource } from './jobs';
