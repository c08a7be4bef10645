export interface EventuallyOptions {
  /** How long the condition may take to hold; the board syncs in well under a second normally. */
  timeout?: number;
  interval?: number;
}

/**
 * Retries `check` until it stops throwing, then returns its result. On timeout the last failure is
 * rethrown, so the report shows the real mismatch rather than "timed out". A number is a timeout.
 */
export async function eventually<T>(check: () => T | Promise<T>, opts: number | EventuallyOptions = {}): Promise<T> {
  const { timeout = 10_000, interval = 20 } = typeof opts === 'number' ? { timeout: opts } : opts;
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) {
        if (error instanceof Error) error.message = `still failing after ${timeout} ms: ${error.message}`;
        throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
