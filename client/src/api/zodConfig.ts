import { z } from 'zod';

// zod probes for eval with `new Function('')` the first time it parses an object. Under the
// server's Content-Security-Policy (no 'unsafe-eval') the probe fails safely, but the browser
// still reports a policy violation on every page load; jitless skips the probe. main.tsx imports
// this before anything else, because shared parses its templates as soon as it loads.
z.config({ jitless: true });
