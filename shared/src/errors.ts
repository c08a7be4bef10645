import { z } from 'zod';

/** Every error code the HTTP API and the control socket can answer with. */
export const ERROR_CODES = [
  'invalid_json',
  'invalid_body',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'forbidden',
  'not_found',
  'unknown_code',
  'joining_closed',
  'session_full',
  'rate_limited',
  'unknown_event',
  'invalid_template',
  'protocol_mismatch',
  'session_ended',
  'too_many_links',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
    /** For `invalid_template`: where in the template, as a JSON path such as `$.phases[2].frame`. */
    path: z.string().optional(),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The HTTP status that goes with each code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_body: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_code: 404,
  joining_closed: 403,
  session_full: 409,
  rate_limited: 429,
  // Only ever sent on the control socket; the status says what it would be over HTTP.
  unknown_event: 400,
  invalid_template: 422,
  protocol_mismatch: 400,
  session_ended: 409,
  /** A session has as many live team links as it may: one must be revoked first. */
  too_many_links: 409,
  internal: 500,
};
