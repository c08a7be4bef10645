/**
 * How much JavaScript the start page makes a person download before they can type: the built
 * client is served by the real server, Chromium opens `/` and a `/join/CODE` link, and every
 * script it fetched until the network went quiet is gzipped (level 6, as `gzip -c`) and summed.
 * Nothing is typed, so the board's code, which the forms fetch once a person starts typing,
 * is not counted; that is the point of the figure.
 *
 *   npx tsx bench/start-page-weight.ts [--root DIR] [--no-build]
 *
 * --root serves the client built in another checkout (an older commit, say) from this
 * checkout's server, so that the figures before and after a change come from one script.
 *
 * See docs/BENCHMARKS.md for the figures.
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/support/chromium.js';
import { removeDataDir, spawnServer } from '../tests/support/spawnServer.js';

const { values: argv } = parseArgs({
  options: {
    root: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), '..') },
    'no-build': { type: 'boolean', default: false },
  },
});
const clientDir = join(resolve(argv.root!), 'client');

if (!argv['no-build']) execFileSync('npx', ['vite', 'build', '--mode', 'production'], { cwd: clientDir, stdio: 'ignore' });

const server = await spawnServer({ env: { CLIENT_DIST: join(clientDir, 'dist') } });
const browser = await launchChromium();
try {
  for (const path of ['/', '/join/ABCDEF']) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const scripts: { url: string; raw: number; gzipped: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      pending.push(
        res.body().then((body) => {
          scripts.push({ url: new URL(res.url()).pathname, raw: body.length, gzipped: gzipSync(body, { level: 6 }).length });
        }),
      );
    });
    await page.goto(server.url + path, { waitUntil: 'networkidle' });
    await page.getByTestId('start.join.code').waitFor();
    await Promise.all(pending);
    const total = scripts.reduce((n, s) => n + s.gzipped, 0);
    console.log(`${path}: ${scripts.length} script(s), ${(total / 1024).toFixed(1)} KiB gzipped (${total} bytes)`);
    for (const s of scripts) console.log(`  ${s.url}  ${s.raw} bytes, ${s.gzipped} gzipped`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  removeDataDir(server.dataDir);
}
