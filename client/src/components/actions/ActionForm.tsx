import { useContext, useId, useRef, useState, type FormEvent } from 'react';
import { ACTION_STATUSES, LIMITS, actionElements, templateZones } from '@balcony/shared';
import { NamesContext, useBoard, useNotes } from '../../board/BoardContext';
import { useThemes } from '../../board/useThemes';
import { isPrivateNote } from '../../board/notesIndex';
import { draftProblem, fieldsOf, type ActionDraft, type DraftField, type OwnerChoice } from '../../outcome/actionForm';
import type { ActionFieldsInput } from '@balcony/shared';
import { STATUS_WORDS } from '../../outcome/words';
import type { Person } from '../topbar/TopBar';

interface Props {
  initial: ActionDraft;
  people: readonly Person[];
  /** "Add action" or "Save changes". */
  submitLabel: string;
  /** Sends the fields; resolves with why the server refused them, or null once it took them. */
  onSubmit: (fields: ActionFieldsInput) => Promise<string | null>;
  onCancel: () => void;
}

/**
 * Writing an action: what, who, by when, its status, and what on the board it comes from. Every
 * field is a plain form control, so the whole form works by keyboard; a problem is said next to
 * the field it is about.
 */
export function ActionForm({ initial, people, submitLabel, onSubmit, onCancel }: Props) {
  const { template, me } = useBoard();
  const names = useContext(NamesContext);
  const notes = useNotes().list.filter((n) => !isPrivateNote(n) && n.text.trim() !== '');
  const themes = useThemes().list;
  const elements = actionElements(template);
  const id = useId();
  const [draft, setDraft] = useState<ActionDraft>(initial);
  const [problem, setProblem] = useState<{ field: DraftField | null; message: string } | null>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<ActionDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const wrong = draftProblem(draft);
    if (wrong) {
      setProblem(wrong);
      formRef.current?.querySelector<HTMLElement>(`[data-field="${wrong.field}"]`)?.focus();
      return;
    }
    setSending(true);
    const refused = await onSubmit(fieldsOf(draft, template));
    setSending(false);
    setProblem(refused ? { field: null, message: refused } : null);
  };

  const errorFor = (field: DraftField) => (problem?.field === field ? `${id}-error` : undefined);
  // Everyone who joined, the facilitator among them; an owner chosen earlier stays offered.
  const owners = people.map((p) => ({ id: p.participantId, name: p.participantId === me.participantId ? `${p.name} (you)` : p.name }));
  if (draft.owner.startsWith('p:') && !owners.some((o) => `p:${o.id}` === draft.owner)) {
    const ownerId = draft.owner.slice(2);
    owners.push({ id: ownerId, name: names.get(ownerId) ?? 'Someone who left' });
  }
  const zones = templateZones(template).filter((z) => notes.some((n) => n.zone === z.id));
  const error = problem && (
    <p className="form-error" role="alert" id={`${id}-error`} data-testid="actions.form.problem">
      {problem.message}
    </p>
  );

  return (
    <form ref={formRef} className="action-form" data-testid="actions.form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h4 id={`${id}-title`} className="visually-hidden">
        {submitLabel}
      </h4>
      <div className="field">
        <label htmlFor={`${id}-text`}>What is to be done</label>
        <textarea
          id={`${id}-text`}
          data-field="text"
          data-testid="actions.form.text"
          rows={2}
          maxLength={LIMITS.actionTextMax + 50}
          value={draft.text}
          aria-invalid={problem?.field === 'text' || undefined}
          aria-describedby={errorFor('text')}
          onChange={(e) => set({ text: e.target.value })}
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>Who does it</label>
        <select id={`${id}-owner`} data-testid="actions.form.owner" value={draft.owner} onChange={(e) => set({ owner: e.target.value as OwnerChoice })}>
          <option value="">No one yet</option>
          {owners.map((o) => (
            <option key={o.id} value={`p:${o.id}`}>
              {o.name}
            </option>
          ))}
          <option value="other">Someone else…</option>
        </select>
      </div>
      {draft.owner === 'other' && (
        <div className="field">
          <label htmlFor={`${id}-name`}>Their name</label>
          <input
            id={`${id}-name`}
            data-field="ownerName"
            data-testid="actions.form.ownerName"
            value={draft.ownerName}
            maxLength={LIMITS.actionNameMax + 20}
            aria-invalid={problem?.field === 'ownerName' || undefined}
            aria-describedby={errorFor('ownerName')}
            onChange={(e) => set({ ownerName: e.target.value })}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-due`}>
          Due date <span className="optional">(optional)</span>
        </label>
        <input
          id={`${id}-due`}
          type="date"
          data-field="due"
          data-testid="actions.form.due"
          value={draft.due}
          aria-invalid={problem?.field === 'due' || undefined}
          aria-describedby={errorFor('due')}
          onChange={(e) => set({ due: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} data-testid="actions.form.status" value={draft.status} onChange={(e) => set({ status: e.target.value as ActionDraft['status'] })}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_WORDS[s]}
            </option>
          ))}
        </select>
      </div>
      {elements.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-element`}>Element it works on</label>
          <select id={`${id}-element`} data-testid="actions.form.element" value={draft.element} onChange={(e) => set({ element: e.target.value })}>
            <option value="">None</option>
            {elements.map((z) => (
              <option key={z.id} value={z.id}>
                {z.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {template.actionFields?.stakeholder && (
        <div className="field">
          <label htmlFor={`${id}-stakeholder`}>
            Whom to influence <span className="optional">(optional)</span>
          </label>
          <input
            id={`${id}-stakeholder`}
            data-field="stakeholder"
            data-testid="actions.form.stakeholder"
            value={draft.stakeholder}
            maxLength={LIMITS.actionNameMax + 20}
            aria-invalid={problem?.field === 'stakeholder' || undefined}
            aria-describedby={errorFor('stakeholder')}
            onChange={(e) => set({ stakeholder: e.target.value })}
          />
        </div>
      )}
      {themes.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-theme`}>
            Theme it comes from <span className="optional">(optional)</span>
          </label>
          <select id={`${id}-theme`} data-testid="actions.form.theme" value={draft.themeId} onChange={(e) => set({ themeId: e.target.value })}>
            <option value="">No theme</option>
            {themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title || 'Untitled theme'}
              </option>
            ))}
          </select>
        </div>
      )}
      {notes.length > 0 && (
        <details className="action-links">
          <summary data-testid="actions.form.notes">
            Notes it comes from{draft.noteIds.length > 0 ? ` (${draft.noteIds.length} chosen)` : ' (optional)'}
          </summary>
          {zones.map((z) => (
            <fieldset key={z.id} className="action-links-zone">
              <legend>{z.label}</legend>
              {notes
                .filter((n) => n.zone === z.id)
                .map((n) => (
                  <label key={n.id} className="console-choice">
                    <input
                      type="checkbox"
                      data-testid="actions.form.note"
                      data-note-id={n.id}
                      checked={draft.noteIds.includes(n.id)}
                      disabled={!draft.noteIds.includes(n.id) && draft.noteIds.length >= LIMITS.actionLinksMax}
                      onChange={(e) => set({ noteIds: e.target.checked ? [...draft.noteIds, n.id] : draft.noteIds.filter((x) => x !== n.id) })}
                    />
                    {n.text.length > 80 ? `${n.text.slice(0, 80)}…` : n.text}
                  </label>
                ))}
            </fieldset>
          ))}
        </details>
      )}
      {error}
      <div className="console-buttons">
        <button type="submit" className="button button-primary" data-testid="actions.form.submit" disabled={sending}>
          {sending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button" data-testid="actions.form.cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
