import express from 'express';
import type { Logger } from 'pino';
import { createTeamLinkBodySchema, parseSessionState, type TeamLinkListResponse, type TeamView } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { ApiError } from './apiError.js';
import { bearerToken } from './bearer.js';
import { parseBody } from './validate.js';
import { requireFacilitator } from './facilitator.js';
import type { Authenticate } from '../sessions/access.js';
import { authenticateTeamLink, makeTeamLink, presentTeamLink } from '../sessions/teamLinks.js';
import { readSessionState } from '../session/stateChanges.js';
import { toSummary } from '../outcome/snapshots.js';

export interface TeamRouteDeps {
  store: Store;
  authenticate: Authenticate;
  now: () => number;
  log: Logger;
}

/**
 * Team links: a facilitator makes, lists and revokes them; `GET /team` tells the holder of one
 * what it opens. Reading the snapshots themselves goes through the outcome routes.
 */
export function teamRoutes(deps: TeamRouteDeps): express.Router {
  const { store, authenticate, log } = deps;
  const router = express.Router();

  router.post('/sessions/:sessionId/team-links', async (req, res) => {
    const { session } = await requireFacilitator(authenticate, store, bearerToken(req), req.params.sessionId);
    const body = parseBody(createTeamLinkBodySchema, req.body ?? {});
    const { link, token } = await makeTeamLink(store, session.id, body.label ?? null, deps.now());
    log.info({ sessionId: session.id, linkId: link.id }, 'team link made');
    res.status(201).json({ ...presentTeamLink(link), token });
  });

  router.get('/sessions/:sessionId/team-links', async (req, res) => {
    const { session } = await requireFacilitator(authenticate, store, bearerToken(req), req.params.sessionId);
    const body: TeamLinkListResponse = { links: (await store.listTeamLinks(session.id)).map(presentTeamLink) };
    res.json(body);
  });

  router.delete('/sessions/:sessionId/team-links/:linkId', async (req, res) => {
    const { session } = await requireFacilitator(authenticate, store, bearerToken(req), req.params.sessionId);
    if (!(await store.revokeTeamLink(session.id, req.params.linkId, deps.now()))) throw new ApiError('not_found', 'There is no such team link.');
    log.info({ sessionId: session.id, linkId: req.params.linkId }, 'team link revoked');
    res.status(204).end();
  });

  router.get('/team', async (req, res) => {
    const access = await authenticateTeamLink(store, bearerToken(req));
    if (!access.ok) throw access.error;
    const { session, link } = access;
    const [snapshots, current] = await Promise.all([store.listSnapshots(session.id), readSessionState(store, session.id)]);
    if (!current) throw new ApiError('unauthorized', 'That session was deleted.');
    const body: TeamView = {
      sessionId: session.id,
      title: session.title,
      template: session.template,
      createdAt: session.createdAt,
      endedAt: current.state.endedAt,
      label: link.label,
      openActions: await openActionsOf(store, snapshots.at(-1)?.id),
      snapshots: snapshots.map(toSummary),
    };
    res.json(body);
  });

  return router;
}

/** Actions still open in a snapshot's state; none without a snapshot. */
async function openActionsOf(store: Pick<Store, 'getSnapshot'>, snapshotId: string | undefined): Promise<number> {
  if (snapshotId === undefined) return 0;
  const snap = await store.getSnapshot(snapshotId);
  if (!snap) return 0;
  return parseSessionState(snap.state).actions.filter((a) => a.status === 'open').length;
}
