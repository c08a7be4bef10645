import {
  errorBodySchema,
  type CreateSessionBody,
  type CreateSessionResponse,
  type ErrorCode,
  type JoinBody,
  type JoinLockResponse,
  type ExportFormat,
  type JoinResponse,
  type OutcomeRecord,
  type Retention,
  type SessionView,
  type SnapshotListResponse,
  type SnapshotSummary,
} from '@balcony/shared';
import { fallbackFilename, filenameFromDisposition } from '../outcome/exports';

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

async function send(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('Content-Type', 'application/json');
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError('network', 'No answer from the server.', 0);
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) {
      const { code, message, field, path } = parsed.data.error;
      throw new ApiError(code, message, res.status, field, retryAfterOf(res), path);
    }
    throw new ApiError(res.status >= 500 ? 'internal' : 'network', `The server answered ${res.status}.`, res.status);
  }
  return res;
}

export async function request<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const res = await send(path, init);
  // 204 and the like carry no body.
  return (await res.json().catch(() => null)) as T;
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

const sessionPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

/** How long the session is kept after its last activity (facilitator only). */
export function setRetention(sessionId: string, token: string, days: number): Promise<Retention> {
  return request(`${sessionPath(sessionId)}/retention`, { method: 'PUT', token, body: JSON.stringify({ days }) });
}

/** Deletes the session for good (facilitator only); every token of it stops working. */
export async function deleteSession(sessionId: string, token: string): Promise<void> {
  await send(sessionPath(sessionId), { method: 'DELETE', token });
}

export async function listSnapshots(sessionId: string, token: string): Promise<SnapshotSummary[]> {
  return (await request<SnapshotListResponse>(`${sessionPath(sessionId)}/snapshots`, { token })).snapshots;
}

/** Takes a snapshot now (facilitator only). */
export function takeSnapshot(sessionId: string, token: string): Promise<SnapshotSummary> {
  return request(`${sessionPath(sessionId)}/snapshots`, { method: 'POST', token, body: '{}' });
}

export function getRecord(snapshotId: string, token: string): Promise<OutcomeRecord> {
  return request(`/api/snapshots/${encodeURIComponent(snapshotId)}`, { token });
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** One export of a snapshot, as a file with the name the server gave it. */
export async function fetchExport(snapshotId: string, token: string, format: ExportFormat, title: string, frame?: string): Promise<DownloadedFile> {
  const query = new URLSearchParams({ format, ...(frame ? { frame } : {}) });
  const res = await send(`/api/snapshots/${encodeURIComponent(snapshotId)}/export?${query}`, { token });
  const blob = await res.blob();
  return { blob, filename: filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallbackFilename(title, format) };
}
