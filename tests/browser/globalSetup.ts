import { assertChromium } from '../support/chromium.js';
import { clearFailureShots } from './support/artifacts.js';
// Plain JS shared with `npm start`, so it is imported by path rather than through a workspace.
import { ensureClientBuild } from '../../scripts/client-build.mjs';

/**
 * Fails the whole run early (never skips) when Chromium is missing, builds the client if stale,
 * and clears an earlier run's failure screenshots so they are not mistaken for this run's.
 */
export default function setup(): void {
  assertChromium();
  ensureClientBuild();
  clearFailureShots();
}
