/**
 * yargs options from a zod object schema: each field becomes `--kebab-name` with the schema's
 * type, choices, default and description, so a command's help can never disagree with the
 * defaults the library applies. The values are still parsed by the schema itself afterwards.
 */
import type { Options } from 'yargs';
import { z } from 'zod';

/** `batchSize` → `batch-size`, the option as typed. */
export const kebabOption = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** One yargs option per field of `schema` (number, boolean or enum fields), keyed by the kebab-case name. */
export function schemaOptions(schema: z.ZodObject): Record<string, Options> {
  const options: Record<string, Options> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    let inner: z.ZodType = field as z.ZodType;
    let fallback: unknown;
    if (inner instanceof z.ZodDefault) {
      fallback = inner.def.defaultValue;
      inner = inner.unwrap() as z.ZodType;
    }
    if (inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
    const describe = (field as z.ZodType).description;
    const option: Options = { ...(describe !== undefined ? { describe } : {}), ...(fallback !== undefined ? { default: fallback } : {}) };
    if (inner instanceof z.ZodEnum) option.choices = [...inner.options];
    else if (inner instanceof z.ZodNumber) option.type = 'number';
    else if (inner instanceof z.ZodBoolean) option.type = 'boolean';
    else throw new TypeError(`schemaOptions: field ${key} is neither a number, a boolean nor an enum`);
    options[kebabOption(key)] = option;
  }
  return options;
}
