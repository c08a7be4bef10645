import { snapshotBoardSchema, type SnapshotBoard } from '@balcony/shared';
import { ApiError, request } from './http';

/**
 * A snapshot's board as it was filed, to open read-only (docs/PROTOCOL.md, *Snapshots*): asked
 * with a member's token of its session or a team link's. What comes back is checked against the
 * contract, since the board is drawn straight from it.
 */
export async function getSnapshotBoard(snapshotId: string, token: string): Promise<SnapshotBoard> {
  const body = await request<unknown>(`/api/snapshots/${encodeURIComponent(snapshotId)}/board`, { token });
  const parsed = snapshotBoardSchema.safeParse(body);
  if (!parsed.success) throw new ApiError('internal', 'The server sent a snapshot of an unknown shape.', 200);
  return parsed.data;
}
