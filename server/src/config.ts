import { join } from 'node:path';
import { z } from 'zod';
import { LIMITS } from '@balcony/shared';

const intFromEnv = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** `ALLOWED_ORIGINS=https://a.example,https://b.example`: each entry must be a bare origin. */
const originList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const origins: string[] = [];
    for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      let url: URL | null = null;
      try {
        url = new URL(entry);
      } catch {
        /* reported below */
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry.replace(/\/$/, '').toLowerCase()) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an origin like https://balcony.example.org` });
        return z.NEVER;
      }
      origins.push(url.origin);
    }
    return origins;
  });

/**
 * Express's `trust proxy`: `true`, a number of hops, or addresses and names such as `loopback`.
 * The environment only carries strings, and Express would read "1" or "true" as an address.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value): true | number | string | undefined => {
    const v = value?.trim();
    if (!v || v === 'false') return undefined;
    if (v === 'true') return true;
    if (/^\d+$/.test(v)) return Number(v);
    return v;
  });

const envSchema = z.object({
  PORT: intFromEnv(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default(join(process.cwd(), 'data')),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'letters, digits and _ . : - only').default('balcony'),
  METRICS: z.enum(['0', '1', '']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().optional(),
  ROOM_UNLOAD_MS: intFromEnv(30_000),
  COMPACT_EVERY: intFromEnv(500).pipe(z.number().min(1)),
  JOIN_FAILURES_PER_WINDOW: intFromEnv(1_000),
  JOIN_FREE_FAILURES: intFromEnv(3),
  JOIN_BACKOFF_MS: intFromEnv(2_000),
  JOIN_BACKOFF_MAX_MS: intFromEnv(60_000),
  MAX_PARTICIPANTS: intFromEnv(200),
  API_REQUESTS_PER_WINDOW: intFromEnv(3_000),
  RATE_WINDOW_MS: intFromEnv(5 * 60_000),
  TRUST_PROXY: trustProxy,
  ALLOWED_ORIGINS: originList,
  MAX_SOCKETS_PER_PARTICIPANT: intFromEnv(8),
  MAX_SOCKETS_PER_SESSION: intFromEnv(500),
  MAX_SOCKETS_PER_ADDRESS: intFromEnv(500),
  BOARD_QUOTA_BYTES: intFromEnv(8 * 1024 * 1024).pipe(z.number().min(64 * 1024)),
  UNREAD_BYTES_PER_PROCESS: intFromEnv(256 * 1024 * 1024),
  RETENTION_DAYS: intFromEnv(LIMITS.retentionDaysDefault).pipe(z.number().min(1).max(LIMITS.retentionDaysMax)),
  RETENTION_SWEEP_MS: intFromEnv(60 * 60_000),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** A server database to keep everything in instead of the SQLite file under dataDir. */
  databaseUrl?: string;
  /** Redis, through which several nodes serve the same sessions; unset on a node of its own. */
  redisUrl?: string;
  /** Starts every Redis key and channel, so that several deployments can share one Redis. */
  redisPrefix: string;
  /** Serve GET /metrics in the Prometheus format. */
  metrics: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  clientDist: string;
  /** A room's document leaves memory this long after its last socket closes. */
  roomUnloadMs: number;
  /** The update log is folded into one state after this many updates. */
  compactEvery: number;
  /**
   * Wrong join codes from one address per window before every join from it waits for the window
   * to end. High, because a whole training room can sit behind one address.
   */
  joinFailuresPerWindow: number;
  /** Wrong codes one browser may send before it has to wait between tries. */
  joinFreeFailures: number;
  /** The first wait after the free tries; it doubles with each further wrong code. */
  joinBackoffMs: number;
  joinBackoffMaxMs: number;
  /** People who may join one session by its code (the facilitator not counted). */
  maxParticipants: number;
  /** All API requests per address per window before 429. */
  apiRequestsPerWindow: number;
  rateWindowMs: number;
  /** Express `trust proxy` setting, for a server behind a reverse proxy. */
  trustProxy: true | number | string | undefined;
  /** Origins, besides the server's own, whose pages may open a socket. */
  allowedOrigins: readonly string[];
  /** Open sockets of one kind (board or control) per person, per session and per address. */
  maxSocketsPerParticipant: number;
  maxSocketsPerSession: number;
  maxSocketsPerAddress: number;
  /** The session storage quota: bytes one board may take in the store. */
  boardQuotaBytes: number;
  /** Bytes sent to board sockets and not yet read, all sockets together, before slow readers are cut off. */
  unreadBytesPerProcess: number;
  /** Days a new session is kept after its last activity; its facilitator may change it. */
  retentionDays: number;
  /** How often expired sessions are looked for and erased; 0 turns the sweep off. */
  retentionSweepMs: number;
};

export function configFromEnv(env: NodeJS.ProcessEnv, rootDir: string): Config {
  const e = envSchema.parse(env);
  // Nodes that share sessions must share what they store: an SQLite file is one node's own.
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error('REDIS_URL lets several nodes serve one session, and they need one database for it: set DATABASE_URL to a PostgreSQL database too.');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    // An empty DATABASE_URL= line means none, as it does for most tools.
    databaseUrl: e.DATABASE_URL || undefined,
    redisUrl: e.REDIS_URL || undefined,
    redisPrefix: e.REDIS_PREFIX,
    metrics: e.METRICS === '1',
    logLevel: e.LOG_LEVEL,
    clientDist: e.CLIENT_DIST ?? join(rootDir, 'client', 'dist'),
    roomUnloadMs: e.ROOM_UNLOAD_MS,
    compactEvery: e.COMPACT_EVERY,
    joinFailuresPerWindow: e.JOIN_FAILURES_PER_WINDOW,
    joinFreeFailures: e.JOIN_FREE_FAILURES,
    joinBackoffMs: e.JOIN_BACKOFF_MS,
    joinBackoffMaxMs: e.JOIN_BACKOFF_MAX_MS,
    maxParticipants: e.MAX_PARTICIPANTS,
    apiRequestsPerWindow: e.API_REQUESTS_PER_WINDOW,
    rateWindowMs: e.RATE_WINDOW_MS,
    trustProxy: e.TRUST_PROXY,
    allowedOrigins: e.ALLOWED_ORIGINS,
    maxSocketsPerParticipant: e.MAX_SOCKETS_PER_PARTICIPANT,
    maxSocketsPerSession: e.MAX_SOCKETS_PER_SESSION,
    maxSocketsPerAddress: e.MAX_SOCKETS_PER_ADDRESS,
    boardQuotaBytes: e.BOARD_QUOTA_BYTES,
    unreadBytesPerProcess: e.UNREAD_BYTES_PER_PROCESS,
    retentionDays: e.RETENTION_DAYS,
    retentionSweepMs: e.RETENTION_SWEEP_MS,
  };
}
