import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SpawnedServer {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the server printed, for a failing test's message. */
  output: () => string;
  /** SIGTERM and wait for the exit. */
  stop: () => Promise<void>;
  /** SIGKILL and wait for the exit: nothing gets a chance to flush. */
  kill: () => Promise<void>;
}

export interface SpawnOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Options for node itself, before the script (`--cpu-prof`, say). */
  nodeArgs?: string[];
}

/**
 * Runs the real server (`server/src/main.ts`) in a child process and resolves once it says it is
 * listening. A child process, not an in-process server, so that a test can SIGKILL it.
 */
export async function spawnServer(opts: SpawnOptions = {}): Promise<SpawnedServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'balcony-test-'));
  const child = spawn(process.execPath, ['--import', 'tsx', ...(opts.nodeArgs ?? []), join(root, 'server', 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(opts.port ?? 0), DATA_DIR: dataDir, LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        if (!line.includes('"listening"')) continue;
        try {
          const parsed = JSON.parse(line) as { port?: number };
          if (typeof parsed.port === 'number') {
            child.stdout!.off('data', onData);
            return resolve(parsed.port);
          }
        } catch {
          /* a partial line: wait for the rest */
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
    setTimeout(() => reject(new Error(`server did not start in 20 s:\n${out}`)), 20_000).unref();
  }).catch((err: unknown) => {
    // A server that never said it listens is still a process: do not leave it behind.
    child.kill('SIGKILL');
    throw err;
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    dataDir,
    child,
    output: () => out,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
