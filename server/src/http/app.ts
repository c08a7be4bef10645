import express, { type ErrorRequestHandler, type Request } from 'express';
import type { Redis } from 'ioredis';
import type { VersionedSessionState } from '@balcony/shared';
import { readSessionState } from '../session/stateChanges.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { LIMITS, createSessionBodySchema, joinBodySchema, joinLockBodySchema, listTemplates } from '@balcony/shared';
import type { Config } from '../config.js';
import type { Store } from '../store/types.js';
import { ApiError } from './apiError.js';
import { parseBody } from './validate.js';
import { requireJson } from './requireJson.js';
import { countJoin, joinGuard } from './joinGuard.js';
import { authorize, type Authenticate } from '../sessions/access.js';
import { createSession, joinSession, setJoinLock } from '../sessions/commands.js';
import { presentCreated, presentJoinLock, presentJoined, presentSession, presentTemplates } from '../sessions/presenters.js';
import { compileTrust } from '../security/clientAddress.js';
import { securityHeaders } from '../security/headers.js';
import { JoinThrottle } from '../security/joinThrottle.js';
import { SharedJoinThrottle } from '../security/sharedJoinThrottle.js';
import { sharedLimiter } from '../limits/sharedLimiter.js';
import { rateLimited } from './rateLimited.js';
import { bearerToken } from './bearer.js';
import { outcomeRoutes, type OutcomeRouteDeps } from './outcomeRoutes.js';
import type { Snapshots } from '../outcome/snapshots.js';
import { teamRoutes } from './teamRoutes.js';
import { followUpRoutes } from './followUpRoutes.js';

export interface AppHooks {
  /** Who a token belongs to: the server's authentication hooks. */
  authenticate: Authenticate;
  /** Someone joined a session: the control plane tells the others. */
  onParticipantJoined(sessionId: string): void;
  /** The session's state changed here: every node's runtime follows and its sockets are told. */
  onSessionStateChanged(sessionId: string, current: VersionedSessionState): void;
  /** Whether this node should be sent traffic: its store and Redis answer and it is not draining. */
  readiness(): Promise<Readiness>;
  /** The Prometheus text of the node's metrics, when METRICS=1. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** Snapshots, erasure and activity, for the outcome routes; a follow-up takes its snapshot whole. */
  outcomes: Pick<OutcomeRouteDeps, 'erase' | 'onActivity' | 'now'> & { snapshots: Pick<Snapshots, 'take' | 'takeRecord'> };
}

export interface Readiness {
  ready: boolean;
  store: 'ok' | 'unreachable';
  redis: 'ok' | 'unreachable' | 'not used';
  draining: boolean;
}

const tooMany = (message: string) => (_req: Request, res: express.Response) => {
  res.status(429).json(new ApiError('rate_limited', message).toBody());
};

/**
 * The Express app. `redis`, when several nodes share sessions, keeps the rate limits' counts so
 * that they count every node's requests.
 */
export function createApp(config: Config, store: Store, log: Logger, hooks: AppHooks, redis: Redis | null = null) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', compileTrust(config.trustProxy));

  app.use((req, res, next) => {
    res.set(securityHeaders(req.secure, config));
    next();
  });

  const api = express.Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(
    rateLimited(
      sharedLimiter({ name: 'api', points: config.apiRequestsPerWindow, durationMs: config.rateWindowMs }, redis, config.redisPrefix),
      tooMany('Too many requests. Wait a few minutes and try again.'),
      (err) => log.error({ err }, 'rate limiter failed'),
    ),
  );
  api.use(requireJson);
  // Creating a session may carry a whole template; every other body is small.
  const sessionBody = express.json({ limit: LIMITS.sessionBodyBytesMax });
  const smallBody = express.json({ limit: LIMITS.httpBodyBytesMax });
  api.use((req, res, next) => (req.method === 'POST' && req.path === '/sessions' ? sessionBody : smallBody)(req, res, next));

  // Liveness: the process answers. Readiness says whether to send it traffic.
  api.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  api.get('/ready', async (_req, res) => {
    const r = await hooks.readiness();
    res.status(r.ready ? 200 : 503).json({ status: r.ready ? 'ready' : 'unavailable', store: r.store, redis: r.redis, draining: r.draining });
  });

  api.get('/templates', (_req, res) => {
    res.json(presentTemplates(listTemplates()));
  });

  api.post('/sessions', async (req, res) => {
    const body = parseBody(createSessionBodySchema, req.body);
    const { session, facilitator, token } = await createSession(store, body);
    if (config.retentionDays !== LIMITS.retentionDaysDefault) await store.setRetention(session.id, config.retentionDays);
    log.info({ sessionId: session.id, template: session.templateId, own: body.templateJson !== undefined }, 'session created');
    res.status(201).json(presentCreated(session, facilitator, token));
  });

  const throttleOptions = {
    freeFailures: config.joinFreeFailures,
    backoffMs: config.joinBackoffMs,
    backoffMaxMs: config.joinBackoffMaxMs,
    addressLimit: config.joinFailuresPerWindow,
    windowMs: config.rateWindowMs,
  };
  const throttle = redis ? new SharedJoinThrottle(throttleOptions, redis, config.redisPrefix) : new JoinThrottle(throttleOptions);
  api.post('/join', joinGuard(throttle), async (req, res) => {
    const body = parseBody(joinBodySchema, req.body);
    // A throttle that cannot count must not turn a join into an error.
    const count = (outcome: unknown) => countJoin(throttle, req, res, outcome).catch((err: unknown) => log.error({ err }, 'join throttle failed'));
    let joined;
    try {
      joined = await joinSession(store, body, { maxParticipants: config.maxParticipants });
    } catch (err) {
      await count(err);
      throw err;
    }
    await count('joined');
    const { session, participant, token, state } = joined;
    log.info({ sessionId: session.id }, 'participant joined');
    if (state) hooks.onSessionStateChanged(session.id, state);
    hooks.onParticipantJoined(session.id);
    hooks.outcomes.onActivity(session.id);
    res.status(201).json(presentJoined(session, participant, token));
  });

  api.post('/sessions/:sessionId/join-lock', async (req, res) => {
    const access = await authorize(hooks.authenticate, store, bearerToken(req), req.params.sessionId);
    if (!access.ok) throw access.error;
    const body = parseBody(joinLockBodySchema, req.body);
    const { current, changed } = await setJoinLock(store, access, body.locked);
    if (changed) {
      log.info({ sessionId: access.session.id, joinLocked: current.state.joinLocked, version: current.version }, 'joining changed');
      hooks.onSessionStateChanged(access.session.id, current);
    }
    res.json(presentJoinLock(access.session, current));
  });

  api.get('/sessions/:sessionId', async (req, res) => {
    const access = await authorize(hooks.authenticate, store, bearerToken(req), req.params.sessionId);
    if (!access.ok) throw access.error;
    const [participants, current, retention, followUps] = await Promise.all([
      store.listParticipants(access.session.id),
      readSessionState(store, access.session.id),
      store.getRetention(access.session.id),
      store.listFollowUps(access.session.id),
    ]);
    if (!current || !retention) throw new ApiError('not_found', 'There is no such session.');
    res.json(presentSession(access.session, current.state, access.participant, participants, retention, followUps));
  });

  api.use(outcomeRoutes({ store, authenticate: hooks.authenticate, log, ...hooks.outcomes }));
  api.use(teamRoutes({ store, authenticate: hooks.authenticate, log, now: hooks.outcomes.now }));
  api.use(followUpRoutes({ store, snapshots: hooks.outcomes.snapshots, authenticate: hooks.authenticate, log, now: hooks.outcomes.now }));

  api.use((_req, _res, next) => next(new ApiError('not_found', 'There is no such API endpoint.')));

  const apiErrors: ErrorRequestHandler = (err, _req, res, _next) => {
    if (err instanceof ApiError) {
      res.status(err.status).json(err.toBody());
      return;
    }
    // body-parser marks its own errors with a `type`.
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed') {
      res.status(400).json(new ApiError('invalid_json', 'The request body is not valid JSON.').toBody());
      return;
    }
    if (type === 'entity.too.large') {
      res.status(413).json(new ApiError('payload_too_large', 'The request body is too large.').toBody());
      return;
    }
    if (typeof type === 'string') {
      res.status(400).json(new ApiError('invalid_body', 'The request body could not be read.').toBody());
      return;
    }
    log.error({ err }, 'request failed');
    res.status(500).json(new ApiError('internal', 'Something went wrong on the server. Try again.').toBody());
  };
  api.use(apiErrors);
  app.use('/api', api);

  // For the monitoring system, not for browsers: expose it only where that can reach it.
  const metrics = hooks.metrics;
  if (metrics) {
    app.get('/metrics', async (_req, res) => {
      const { contentType, body } = await metrics();
      res.set('Cache-Control', 'no-store').type(contentType).send(body);
    });
  }

  // The built client, with every other path answered by index.html so that /join/… and /s/… load the app.
  const indexHtml = join(config.clientDist, 'index.html');
  app.use(express.static(config.clientDist, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|yjs\/|socket\.io\/|metrics$).*/, (_req, res) => {
    if (!existsSync(indexHtml)) {
      res.status(503).type('text/plain').send('The client is not built yet. Run `npm start`, which builds it.');
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });

  return app;
}
