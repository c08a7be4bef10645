import { useEffect, useState } from 'react';
import type { SnapshotSummary, Template } from '@balcony/shared';
import { fetchExport } from '../../api/http';
import { dateTimeWords } from '../../outcome/words';

interface Props {
  snapshot: SnapshotSummary;
  token: string;
  template: Template;
  title: string;
}

type Picture = { state: 'loading' } | { state: 'shown'; url: string } | { state: 'failed' };

/**
 * A small picture of a session's board: the first frame of its newest snapshot, as the server
 * draws it. Fetched with the token (an <img> cannot send one) and shown from a blob: address, so
 * that the SVG is drawn as an image: nothing in it can run or fetch.
 */
export function BoardThumbnail({ snapshot, token, template, title }: Props) {
  const [picture, setPicture] = useState<Picture>({ state: 'loading' });
  const frame = template.frames[0]!;

  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    setPicture({ state: 'loading' });
    void (async () => {
      try {
        const { blob } = await fetchExport(snapshot.snapshotId, token, 'svg', title, frame.id);
        if (cancelled) return;
        url = URL.createObjectURL(blob.type === 'image/svg+xml' ? blob : new Blob([blob], { type: 'image/svg+xml' }));
        setPicture({ state: 'shown', url });
      } catch {
        if (!cancelled) setPicture({ state: 'failed' });
      }
    })();
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [snapshot.snapshotId, token, frame.id, title]);

  const label = `The board's ${frame.label} as at ${dateTimeWords(snapshot.takenAt)}`;
  return (
    <div className={`library-thumb is-${picture.state}`} data-testid="library.thumbnail" data-state={picture.state}>
      {picture.state === 'shown' && (
        <img className="library-thumb-picture" src={picture.url} alt={label} onError={() => setPicture({ state: 'failed' })} />
      )}
      {picture.state === 'loading' && <span className="library-thumb-note">Loading the picture…</span>}
      {picture.state === 'failed' && <span className="library-thumb-note">No picture of the board</span>}
    </div>
  );
}
