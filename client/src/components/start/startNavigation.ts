import { createContext, useContext } from 'react';

/**
 * How a start form moves on to the board. The start page can be shown before the router is
 * loaded (to keep the first load small), so the forms do not call the router themselves.
 */
export interface StartNavigation {
  go(to: string, state?: unknown): void;
}

export const StartNavigationContext = createContext<StartNavigation | null>(null);

export function useStartNavigation(): StartNavigation {
  const nav = useContext(StartNavigationContext);
  if (!nav) throw new Error('useStartNavigation needs a StartNavigationContext');
  return nav;
}

let requests: Promise<typeof import('./startRequests')> | undefined;
let app: Promise<typeof import('../../App')> | undefined;

/** The forms' requests, fetched once. */
export function loadStartRequests(): Promise<typeof import('./startRequests')> {
  requests ??= import('./startRequests');
  requests.catch(() => (requests = undefined));
  return requests;
}

/** The whole app with the board, fetched once. */
export function loadApp(): Promise<typeof import('../../App')> {
  app ??= import('../../App');
  app.catch(() => (app = undefined));
  return app;
}

/** What a form says when it cannot reach the server, for its requests or their code. */
export const NETWORK_PROBLEM = "Balcony can't reach the server. Check your connection, then try again.";

/**
 * The forms' requests, once a person submits: the board's code starts coming down too, so that
 * it arrives while the server answers. Null when the requests' code could not be fetched.
 */
export async function requestsForSubmit(): Promise<typeof import('./startRequests') | null> {
  loadApp().catch(() => {});
  try {
    return await loadStartRequests();
  } catch {
    return null;
  }
}

/**
 * Starts fetching what comes after the start page while the person is still typing, so that
 * the board's code arrives alongside the answer to their request rather than after it. A
 * failure here is not shown: submitting tries again and says what went wrong.
 */
export function prepareToLeave(): void {
  loadStartRequests().catch(() => {});
  loadApp().catch(() => {});
}

/**
 * Opens the board's connection while the page moves on to it (session/earlyConnection.ts). The
 * app's code is on its way since the person started typing; a failure here only means the board
 * opens its connection itself.
 */
export function openEarly(sessionId: string, token: string): void {
  loadApp()
    .then((app) => app.openConnectionEarly(sessionId, token))
    .catch(() => {});
}
