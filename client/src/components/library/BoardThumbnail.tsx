import { useEffect, useRef, useState } from 'react';
import type { SnapshotSummary, Template } from '@balcony/shared';
import { fetchExport } from '../../api/http';
import { thumbnailSvg } from '../../library/thumbnailSvg';
import { dateTimeWords } from '../../outcome/words';

interface Props {
  snapshot: SnapshotSummary;
  token: string;
  template: Template;
  title: string;
}

/** A small picture of a session's board: the first frame of its newest snapshot, as the server draws it. */
export function BoardThumbnail({ snapshot, token, template, title }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');
  const frame = template.frames[0]!;

  useEffect(() => {
    let cancelled = false;
    setState('loading');
    void (async () => {
      try {
        const { blob } = await fetchExport(snapshot.snapshotId, token, 'svg', title, frame.id);
        const svg = thumbnailSvg(await blob.text());
        if (cancelled || !box.current) return;
        if (!svg) throw new Error('not a picture');
        box.current.replaceChildren(svg);
        setState('shown');
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [snapshot.snapshotId, token, frame.id, title]);

  const label = `The board's ${frame.label} as at ${dateTimeWords(snapshot.takenAt)}`;
  return (
    <div className={`library-thumb is-${state}`} data-testid="library.thumbnail" data-state={state}>
      {/* React leaves this box alone: the picture is put in it, not rendered. */}
      <div ref={box} className="library-thumb-picture" role="img" aria-label={label} hidden={state !== 'shown'} />
      {state === 'loading' && <span className="library-thumb-note">Loading the picture…</span>}
      {state === 'failed' && <span className="library-thumb-note">No picture of the board</span>}
    </div>
  );
}
