import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.js';

const from = (env: Record<string, string>) => configFromEnv(env, '/srv/balcony');

describe('configFromEnv: limits and proxies', () => {
  it('has defaults that let a room of 200 behind one address join', () => {
    const c = from({});
    expect(c.maxParticipants).toBe(200);
    expect(c.joinFailuresPerWindow).toBeGreaterThanOrEqual(200 * 2);
    expect(c.apiRequestsPerWindow).toBeGreaterThanOrEqual(200 * 5);
    expect(c.maxSocketsPerAddress).toBeGreaterThanOrEqual(200);
    expect([c.maxSocketsPerParticipant, c.maxSocketsPerSession, c.maxSocketsPerAddress]).toEqual([8, 500, 500]);
    expect(c.allowedOrigins).toEqual([]);
    expect(c.trustProxy).toBeUndefined();
  });

  it('reads TRUST_PROXY as Express means it, not as an address called "1" or "true"', () => {
    expect(from({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(from({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(from({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(from({ TRUST_PROXY: '' }).trustProxy).toBeUndefined();
    expect(from({ TRUST_PROXY: 'false' }).trustProxy).toBeUndefined();
  });

  it('reads ALLOWED_ORIGINS as bare origins and refuses anything else at start-up', () => {
    expect(from({ ALLOWED_ORIGINS: 'https://Boards.example.org, http://localhost:5173/' }).allowedOrigins).toEqual([
      'https://boards.example.org',
      'http://localhost:5173',
    ]);
    expect(() => from({ ALLOWED_ORIGINS: 'https://boards.example.org/path' })).toThrow(/not an origin/);
    expect(() => from({ ALLOWED_ORIGINS: 'boards.example.org' })).toThrow(/not an origin/);
    expect(() => from({ ALLOWED_ORIGINS: '*' })).toThrow(/not an origin/);
  });
});

describe('configFromEnv: several nodes', () => {
  it('refuses REDIS_URL without a shared database, and takes the two together', () => {
    expect(() => from({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
    const c = from({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db/balcony' });
    expect([c.redisUrl, c.databaseUrl]).toEqual(['redis://127.0.0.1:6379', 'postgres://db/balcony']);
    expect(from({}).redisUrl).toBeUndefined();
  });

  it('serves metrics only when METRICS=1', () => {
    expect(from({}).metrics).toBe(false);
    expect(from({ METRICS: '0' }).metrics).toBe(false);
    expect(from({ METRICS: '1' }).metrics).toBe(true);
  });
});
