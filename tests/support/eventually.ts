/**
 * Retries `check` until it stops throwing, then returns its result. On timeout the last failure is
 * rethrown, so the report shows the real mismatch rather than "timed out".
 */
export async function eventually<T>(check: () => T | Promise<T>, timeout = 10_000, interval = 20): Promise<T> {
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
