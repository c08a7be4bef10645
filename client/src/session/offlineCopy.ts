import * as Y from 'yjs';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import { BoardTooNewError, listTemplates, restoreBoard, templateZones, type RestoreReport, type Template } from '@balcony/shared';

/**
 * The zones the gate checks notes against. The connection opens before the server has said which
 * template the session uses, and in the browser the gate only reports, so any zone of a known
 * template will do (of every frame): a note in a zone no template has is wrong on every board.
 */
const KNOWN_ZONES: ReadonlySet<string> = new Set(listTemplates().flatMap((t) => templateZones(t).map((z) => z.id)));

/** The built-ins' zones and those of the session's own template, when this browser has kept it. */
export function knownZones(own: Template | null): ReadonlySet<string> {
  return own ? new Set([...KNOWN_ZONES, ...templateZones(own).map((z) => z.id)]) : KNOWN_ZONES;
}

/** What the restore gate says of the board copy this browser kept. */
export type CopyVerdict =
  /** `report` is null when there was no copy to judge. */
  | { keep: true; report: RestoreReport | null }
  /** The copy is of a newer schema than this code knows. */
  | { keep: false; reason: string };

/**
 * Passes a kept copy through the shared restore gate without writing to it: repairs would be edits
 * of other people's notes, which the server refuses. Only a copy this code cannot read is refused;
 * anything else the gate finds is for the server, which judges every write, to settle.
 */
export function judgeOfflineCopy(copy: Y.Doc, zoneIds: ReadonlySet<string> = KNOWN_ZONES): CopyVerdict {
  if (copy.store.clients.size === 0) return { keep: true, report: null };
  try {
    return { keep: true, report: restoreBoard(copy, { zoneIds, write: false }) };
  } catch (err) {
    if (err instanceof BoardTooNewError) return { keep: false, reason: err.message };
    throw err;
  }
}

/** True when the gate's report says the copy is other than this code would write it. */
export function reportFoundSomething(report: RestoreReport): boolean {
  return (
    report.fromVersion !== report.toVersion ||
    report.migrated.length > 0 ||
    report.repaired.length > 0 ||
    report.dropped.length > 0
  );
}

function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Opens this browser's copy of a board for the live document, once the copy has passed the gate.
 * y-indexeddb applies everything it holds to its document as soon as it opens, so the copy is
 * read into a scratch document first and judged there; a copy the gate refuses is deleted and
 * never reaches the live board, which then fills from the server. Resolves with the live
 * persistence, or null when there is no IndexedDB or the signal ended the wait.
 */
export async function openOfflineCopy(
  name: string,
  doc: Y.Doc,
  signal: AbortSignal,
  zoneIds: ReadonlySet<string> = KNOWN_ZONES,
): Promise<IndexeddbPersistence | null> {
  if (typeof indexedDB === 'undefined') return null;
  const scratch = new Y.Doc();
  let probe: IndexeddbPersistence;
  try {
    probe = new IndexeddbPersistence(name, scratch);
  } catch {
    // No IndexedDB (some private modes): the board still works, only without the offline copy.
    scratch.destroy();
    return null;
  }
  let verdict: CopyVerdict;
  try {
    await Promise.race([probe.whenSynced, whenAborted(signal)]);
    if (signal.aborted) return null;
    verdict = judgeOfflineCopy(scratch, zoneIds);
  } catch (err) {
    // The gate itself failed: keep the person's offline work; the server still judges each write.
    console.warn('The offline copy of the board could not be checked; it is kept.', err);
    verdict = { keep: true, report: null };
  } finally {
    // Closed before anything else opens or deletes the database.
    await probe.destroy().catch(() => {});
    scratch.destroy();
  }

  if (!verdict.keep) {
    console.info(`The offline copy of the board is discarded: ${verdict.reason}. The board loads from the server.`);
    try {
      await clearDocument(name);
    } catch (err) {
      console.warn('The offline copy of the board could not be deleted.', err);
      return null;
    }
  } else if (verdict.report && reportFoundSomething(verdict.report)) {
    console.info('The offline copy of the board is kept; the restore gate found this, for the server to settle:', verdict.report);
  }
  if (signal.aborted) return null;
  return new IndexeddbPersistence(name, doc);
}
