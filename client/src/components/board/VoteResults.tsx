import { useId, useMemo } from 'react';
import { useBoard, useNotes } from '../../board/BoardContext';
import { focusNoteNow } from '../../board/commands';
import { themeName } from '../../board/grouping';
import { focusThemeNow } from '../../board/themeCommands';
import { useThemes } from '../../board/useThemes';
import { useVote } from '../../board/useVote';
import { dotsWords, rankResults } from '../../board/voting';
import { useUi } from '../../state/ui';

/**
 * Once a vote has closed, for everyone: its notes or themes ranked by their dots, most first,
 * each a button that shows it on the board. Put away until the next vote.
 */
export function VoteResults() {
  const { template } = useBoard();
  const vote = useVote();
  const notes = useNotes();
  const themes = useThemes();
  const hidden = useUi((s) => s.hiddenResultsVoteId);
  const id = useId();
  const kind = vote?.setup.targets ?? 'notes';
  const ranked = useMemo(() => {
    if (!vote || vote.open || !vote.results) return null;
    return rankResults(vote.results, (targetId) => {
      if (kind === 'notes') {
        const n = notes.byId.get(targetId);
        return n ? n.text || 'Empty note' : null;
      }
      const t = themes.byId.get(targetId);
      return t ? themeName(t.title) : null;
    });
  }, [vote, kind, notes, themes]);

  if (!vote || !ranked || hidden === vote.id) return null;
  const phase = template.phases.find((p) => p.id === vote.phaseId);
  const show = (targetId: string) => {
    if (kind === 'notes') focusNoteNow(targetId);
    else focusThemeNow(targetId);
  };

  return (
    <section className="vote-results" data-testid="vote.results" aria-labelledby={`${id}-title`}>
      <div className="vote-results-head">
        <h2 id={`${id}-title`}>Vote results</h2>
        <button type="button" className="button" data-testid="vote.results.hide" onClick={() => useUi.getState().hideResults(vote.id)}>
          Hide<span className="visually-hidden"> vote results</span>
        </button>
      </div>
      <p className="hint">
        {phase ? `${phase.name}: ` : ''}
        {kind === 'notes' ? 'notes' : 'themes'} by their dots, most first.
      </p>
      {ranked.length === 0 ? (
        <p className="hint" data-testid="vote.results.none">
          No dots were cast.
        </p>
      ) : (
        <ol className="vote-results-list">
          {ranked.map((r) => (
            <li key={r.targetId} className="vote-result" data-testid="vote.result" data-target-id={r.targetId} data-votes={r.votes} data-rank={r.rank}>
              <span className="vote-result-votes">{dotsWords(r.votes)}</span>
              {r.label === null ? (
                <span className="vote-result-label console-muted">No longer on the board</span>
              ) : (
                <button type="button" className="link-button vote-result-label" data-testid="vote.result.show" onClick={() => show(r.targetId)}>
                  {r.label.length > 120 ? `${r.label.slice(0, 120)}…` : r.label}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
