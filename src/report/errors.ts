/** The report layer's errors; messages live here so they read the same everywhere. */
import { BadInputError, TokgapError, type TokgapErrorFields } from '../errors.js';

/** Vega could not compile or render a chart (a builder produced an invalid spec). */
export class ReportRenderError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('REPORT_RENDER', message, fields);
  }
}

/** A file or package the report needs is missing (exit status 3 through the CLI's NOT_FOUND). */
export class ReportAssetNotFoundError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('NOT_FOUND', message, fields);
  }
}

export const reportErrors = {
  badName: (name: string) =>
    new BadInputError(`report name "${name}" cannot be used as a file stem`, {
      field: 'name',
      expected: 'letters, digits, "-", "_" or "."',
    }),
  badSectionId: (id: string) =>
    new BadInputError(`report section id "${id}" cannot be used in a file name`, {
      field: 'id',
      expected: 'letters, digits, "-" or "_", unique within the report',
    }),
  unknownMetric: (metric: string, known: readonly string[]) =>
    new BadInputError(`unknown metric "${metric}"`, { field: 'metric', expected: `one of ${known.join(', ')}` }),
  svgFailed: (id: string, cause: unknown) =>
    new ReportRenderError(`Vega could not render chart "${id}" to SVG`, { field: id, cause }),
};
