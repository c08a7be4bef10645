import { ApiError } from '../api/http';

/** What a failed request means, in words that say what to do; `what` says what did not happen. */
export function apiFailureWords(err: unknown, what: string): string {
  if (!(err instanceof ApiError)) return `${what} Try again in a moment.`;
  switch (err.code) {
    case 'network':
      return err.status === 0 ? `${what} Check your connection, then try again.` : `${what} Try again in a moment.`;
    case 'unauthorized':
      return `${what} This device's place in the session is no longer valid.`;
    case 'forbidden':
      return `${what} Only a facilitator can do that.`;
    case 'not_found':
      return `${what} It is no longer on the server.`;
    case 'rate_limited':
      return `${what} Too many requests: wait a moment, then try again.`;
    default:
      return err.message ? `${what} ${err.message}` : `${what} Try again in a moment.`;
  }
}
