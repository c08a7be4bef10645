import { getTemplate, isTemplateId, templateSchema, type Template } from '@balcony/shared';

/**
 * The template a stored session names, or null: a built-in's id (as hosting one keeps it), or a
 * whole template (the session's own copy, as the server sent it). What localStorage holds is
 * passed through the template schema, like anything else that comes in from outside.
 */
export function storedTemplate(stored: unknown): Template | null {
  if (typeof stored === 'string') return isTemplateId(stored) ? getTemplate(stored) : null;
  if (stored === null || typeof stored !== 'object') return null;
  const parsed = templateSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
