import { assertChromium } from '../support/chromium.js';
// Plain JS shared with `npm start`, so it is imported by path rather than through a workspace.
import { ensureClientBuild } from '../../scripts/client-build.mjs';

/** Fails the whole run early (never skips) when Chromium is missing, and builds the client if stale. */
export default function setup(): void {
  assertChromium();
  ensureClientBuild();
}
