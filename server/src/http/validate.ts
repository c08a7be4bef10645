import type { z } from 'zod';
import { ApiError } from './apiError.js';

/** Parses a request body with a shared schema; the first problem becomes a 400 naming its field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? undefined);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = field ? `${field}: ${issue!.message}` : 'The request body must be a JSON object.';
  throw new ApiError('invalid_body', message, field);
}
