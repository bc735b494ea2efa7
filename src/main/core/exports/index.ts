// CSV exports shared by History and the registration screens: the CSV writer and where the file goes.
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
export { exportWork } from './jobWork';
export { ExportFiles, type ExportFilesOptions, type ExportSource, type ExportWrite } from './files';
