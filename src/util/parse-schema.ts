/**
 * Validate plain data with a zod schema; on failure the caller's error names what was being read,
 * with zod's first issue as the message and its path (`a.b.0`) as the field.
 */
import type { z } from 'zod';

export function parseWithSchema<S extends z.ZodType>(
  schema: S,
  data: unknown,
  error: (message: string, field: string | undefined) => Error,
): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw error(issue?.message ?? 'invalid', issue?.path.join('.'));
  }
  return parsed.data;
}
