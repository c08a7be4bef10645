import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import pino from 'pino';
import { adapterClient } from './adapterClient.js';

describe('adapterClient', () => {
  it('logs a command the adapter does not wait for, when the connection is closed, instead of rejecting', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const redis = new Redis({ lazyConnect: true, enableOfflineQueue: false });
    const client = adapterClient(redis, log);
    await expect(client.set('k', 'v')).resolves.toBeUndefined();
    await expect(client.publish('c', 'm')).resolves.toBeUndefined();
    expect(lines.map((l) => JSON.parse(l).command)).toEqual(['set', 'publish']);
    // Every other command is the client's own, rejections included.
    await expect(client.get('k')).rejects.toThrow();
    redis.disconnect();
  });
});
