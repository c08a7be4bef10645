import express, { type Request } from 'express';
import type { Logger } from 'pino';
import {
  exportQuerySchema,
  outcomeRecordSchema,
  parseSessionState,
  retentionBodySchema,
  stateFor,
  takeSnapshotBodySchema,
  type SnapshotBoard,
} from '@balcony/shared';
import type { Store } from '../store/types.js';
import { ApiError } from './apiError.js';
import { bearerToken } from './bearer.js';
import { parseBody } from './validate.js';
import { requireFacilitator, type FacilitatorAccess } from './facilitator.js';
import type { Authenticate } from '../sessions/access.js';
import { snapshotReader, snapshotReaderOf } from '../sessions/snapshotReaders.js';
import { presentParticipant, presentRetention } from '../sessions/presenters.js';
import { toSummary, type Snapshots } from '../outcome/snapshots.js';
import { exportRecord } from '../export/index.js';
import { UnknownFrameError } from '../export/svg.js';

export interface OutcomeRouteDeps {
  store: Store;
  snapshots: Pick<Snapshots, 'take'>;
  authenticate: Authenticate;
  /** Erases a session everywhere: store, every node's rooms, runtimes and sockets. */
  erase(sessionId: string): Promise<boolean>;
  /** A snapshot counts as activity on the session. */
  onActivity(sessionId: string): void;
  /** A manual snapshot's time. */
  now: () => number;
  log: Logger;
}

/**
 * Snapshots, their records, boards and exports, retention, and erasure. Any participant of a
 * session, and any live team link to it, reads its snapshots; taking one, changing the retention
 * and erasing are a facilitator's. A snapshot of another session answers 404, as one that does
 * not exist does.
 */
export function outcomeRoutes(deps: OutcomeRouteDeps): express.Router {
  const { store, authenticate, log } = deps;
  const router = express.Router();

  const facilitator = (req: Request, sessionId: string): Promise<FacilitatorAccess> =>
    requireFacilitator(authenticate, store, bearerToken(req), sessionId);

  async function snapshotFor(req: Request, snapshotId: string) {
    const reader = await snapshotReader(authenticate, store, bearerToken(req));
    if (!reader.ok) throw reader.error;
    const snap = await store.getSnapshot(snapshotId);
    if (!snap || snap.sessionId !== reader.session.id) throw new ApiError('not_found', 'There is no such snapshot.');
    return { snap, session: reader.session };
  }

  router.get('/sessions/:sessionId/snapshots', async (req, res) => {
    const reader = await snapshotReaderOf(authenticate, store, bearerToken(req), req.params.sessionId);
    if (!reader.ok) throw reader.error;
    const { session } = reader;
    res.json({ snapshots: (await store.listSnapshots(session.id)).map(toSummary) });
  });

  router.post('/sessions/:sessionId/snapshots', async (req, res) => {
    const access = await facilitator(req, req.params.sessionId);
    parseBody(takeSnapshotBodySchema, req.body ?? {});
    const { state } = access.current;
    if (state.endedAt !== null) throw new ApiError('session_ended', 'This session has ended: its final snapshot is already taken.');
    const summary = await deps.snapshots.take(access.session, state, 'manual', state.phase.id, deps.now());
    deps.onActivity(access.session.id);
    log.info({ sessionId: access.session.id, snapshotId: summary.snapshotId }, 'snapshot taken');
    res.status(201).json(summary);
  });

  router.get('/snapshots/:snapshotId', async (req, res) => {
    const { snap } = await snapshotFor(req, req.params.snapshotId);
    res.type('application/json').send(snap.record);
  });

  // The filed board as an observer would see it, to open read-only: no private counts, no pause
  // requests, no one's own dots; no names at all from an anonymous session.
  router.get('/snapshots/:snapshotId/board', async (req, res) => {
    const { snap, session } = await snapshotFor(req, req.params.snapshotId);
    const state = parseSessionState(snap.state);
    const people = state.anonymous ? [] : await store.listParticipants(session.id);
    const body: SnapshotBoard = {
      ...toSummary(snap),
      sessionId: session.id,
      board: Buffer.from(snap.board).toString('base64'),
      state: stateFor(state, ''),
      participants: people.map((p) => presentParticipant(p, state)),
    };
    res.json(body);
  });

  router.get('/snapshots/:snapshotId/export', async (req, res) => {
    const query = exportQuerySchema.safeParse(req.query);
    if (!query.success) throw new ApiError('invalid_body', 'Give format=md, csv, json, pdf, svg or png (and for a picture, optionally frame=<frame id>).', 'format');
    const { snap, session } = await snapshotFor(req, req.params.snapshotId);
    let file;
    try {
      file = await exportRecord(query.data.format, outcomeRecordSchema.parse(JSON.parse(snap.record)), session.template, query.data.frame);
    } catch (err) {
      if (err instanceof UnknownFrameError) throw new ApiError('not_found', `This session's board has no frame ${query.data.frame}.`, 'frame');
      throw err;
    }
    res.set('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.type(file.contentType).send(file.body);
  });

  router.put('/sessions/:sessionId/retention', async (req, res) => {
    const { session } = await facilitator(req, req.params.sessionId);
    const body = parseBody(retentionBodySchema, req.body);
    await store.setRetention(session.id, body.days);
    const retention = await store.getRetention(session.id);
    if (!retention) throw new ApiError('not_found', 'There is no such session.');
    log.info({ sessionId: session.id, days: body.days }, 'retention changed');
    res.json(presentRetention(retention));
  });

  router.delete('/sessions/:sessionId', async (req, res) => {
    const { session } = await facilitator(req, req.params.sessionId);
    await deps.erase(session.id);
    log.info({ sessionId: session.id }, 'session erased by its facilitator');
    res.status(204).end();
  });

  return router;
}
