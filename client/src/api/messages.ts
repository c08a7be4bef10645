import { ApiError } from './http';

const FIELD_NAMES: Record<string, string> = {
  title: 'the session title',
  template: 'the template',
  facilitatorName: 'your name',
  name: 'your name',
  joinCode: 'the code',
};

/** What went wrong, in plain words that say what to do next. */
export function describeApiError(err: unknown, action: 'host' | 'join'): string {
  if (!(err instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (err.code) {
    case 'unknown_code':
      return "That code isn't running a session. Check it with your facilitator.";
    case 'rate_limited':
      if (err.retryAfter !== undefined && err.retryAfter < 90) {
        return `Too many tries in a short time. Wait ${err.retryAfter} second${err.retryAfter === 1 ? '' : 's'}, then try again.`;
      }
      return 'Too many tries in a short time. Wait a few minutes, then try again.';
    case 'joining_closed':
      return "This session isn't taking new people. Ask your facilitator.";
    case 'session_full':
      return 'This session is full. Ask your facilitator.';
    case 'invalid_body':
    case 'invalid_json': {
      const field = err.field ? FIELD_NAMES[err.field] : undefined;
      return field ? `Please check ${field}.` : 'Please check what you typed.';
    }
    case 'network':
      return "Balcony can't reach the server. Check your connection, then try again.";
    case 'internal':
      return action === 'host'
        ? "The server couldn't start the session. Try again in a moment."
        : "The server couldn't add you to the session. Try again in a moment.";
    default:
      return err.message || 'Something went wrong. Please try again.';
  }
}
