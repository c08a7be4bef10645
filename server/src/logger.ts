import { pino, type Logger } from 'pino';

/**
 * JSON lines on stdout. Anything that would let a reader of the logs act as someone (a token, an
 * Authorization header, a cookie) is redacted wherever it turns up in a logged object.
 */
const REDACT = [
  'token',
  '*.token',
  'participantToken',
  'facilitatorToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, redact: REDACT });
}
