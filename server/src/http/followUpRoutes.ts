import express from 'express';
import type { Logger } from 'pino';
import { followUpBodySchema, type FollowUpResponse } from '@balcony/shared';
import type { Store } from '../store/types.js';
import type { Snapshots } from '../outcome/snapshots.js';
import type { Authenticate } from '../sessions/access.js';
import { startFollowUp } from '../sessions/followUp.js';
import { presentCreated } from '../sessions/presenters.js';
import { bearerToken } from './bearer.js';
import { parseBody } from './validate.js';
import { requireFacilitator } from './facilitator.js';

export interface FollowUpRouteDeps {
  store: Store;
  snapshots: Pick<Snapshots, 'takeRecord'>;
  authenticate: Authenticate;
  now: () => number;
  log: Logger;
}

/** `POST /sessions/:sessionId/follow-ups`: a facilitator starts the session that follows this one up. */
export function followUpRoutes(deps: FollowUpRouteDeps): express.Router {
  const { store, authenticate, log } = deps;
  const router = express.Router();

  router.post('/sessions/:sessionId/follow-ups', async (req, res) => {
    const access = await requireFacilitator(authenticate, store, bearerToken(req), req.params.sessionId);
    const body = parseBody(followUpBodySchema, req.body);
    const made = await startFollowUp(deps, access.session, access.current.state, body);
    log.info(
      { sessionId: made.session.id, previousSessionId: access.session.id, actions: made.carriedActions, notes: made.carriedNotes },
      'follow-up started',
    );
    const answer: FollowUpResponse = {
      ...presentCreated(made.session, made.facilitator, made.token),
      previousSessionId: access.session.id,
      fromSnapshotId: made.fromSnapshotId,
      carriedActions: made.carriedActions,
      carriedNotes: made.carriedNotes,
    };
    res.status(201).json(answer);
  });

  return router;
}
