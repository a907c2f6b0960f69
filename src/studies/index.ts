export { correlateFiles, OUTPUT_FORMATS, type OutputFormat, type CorrelateFilesOptions, type CorrelateFilesResult } from './correlate-files.js';
export { buildStudyReport, type StudyReportOptions } from './study-report.js';
