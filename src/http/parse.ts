import type { z } from 'zod';
import { validationError } from '../errors.js';
import { zodDetail } from '../settings/write.js';

/** Parses an HTTP input with its schema; a 422 naming each problem otherwise. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'body' | 'query' | 'path',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(zodDetail(result.error, [where]));
  return result.data;
}
