import {
  errorBodySchema,
  type CreateSessionBody,
  type CreateSessionResponse,
  type ErrorCode,
  type JoinBody,
  type JoinLockResponse,
  type JoinResponse,
  type SessionView,
} from '@balcony/shared';

/** A failed request: `code` is the server's error code, or `network` when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly status: number,
    readonly field?: string,
    /** Seconds to wait before trying again, when the server said (429). */
    readonly retryAfter?: number,
    /** For `invalid_template`: where in the template, as a JSON path (`$.phases[2].frame`). */
    readonly path?: string,
  ) {
    super(message);
  }
}

function retryAfterOf(res: Response): number | undefined {
  const seconds = Number(res.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

async function request<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('Content-Type', 'application/json');
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError('network', 'No answer from the server.', 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) {
      const { code, message, field, path } = parsed.data.error;
      throw new ApiError(code, message, res.status, field, retryAfterOf(res), path);
    }
    throw new ApiError(res.status >= 500 ? 'internal' : 'network', `The server answered ${res.status}.`, res.status);
  }
  return body as T;
}

export function createSession(body: CreateSessionBody): Promise<CreateSessionResponse> {
  return request('/api/sessions', { method: 'POST', body: JSON.stringify(body) });
}

export function joinSession(body: JoinBody): Promise<JoinResponse> {
  return request('/api/join', { method: 'POST', body: JSON.stringify(body) });
}

export function getSession(sessionId: string, token: string): Promise<SessionView> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}`, { token });
}

/** Closes or reopens joining by code (facilitator only). */
export function setJoinLock(sessionId: string, token: string, locked: boolean): Promise<JoinLockResponse> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/join-lock`, {
    method: 'POST',
    token,
    body: JSON.stringify({ locked }),
  });
}
