import { useId, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { LIMITS, TEMPLATE_CHOICES, type TemplateId } from '@balcony/shared/light';
import type { Template } from '@balcony/shared';
import { saveSession } from '../../session/storage';
import { FormError } from './FormError';
import { FieldError, NameField } from './NameField';
import { LengthCounter, useLengthLimit } from './LengthLimit';
import { NETWORK_PROBLEM, openEarly, prepareToLeave, requestsForSubmit, useStartNavigation } from './startNavigation';
import { OwnTemplateField } from './OwnTemplateField';
import { templateProblemWords, type TemplateFile } from './ownTemplate';
import '../../styles/private.css';

/** The template select's choice for a template of the facilitator's own, from a file. */
const OWN = 'own';

// The words describeApiError uses, for when its own code could not be fetched.

interface Props {
  error: string | null;
  onError: (message: string | null) => void;
}

export function HostForm({ error, onError }: Props) {
  const nav = useStartNavigation();
  const id = useId();
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);
  const [template, setTemplate] = useState<TemplateId | typeof OWN>('what-works-circle');
  const [ownFile, setOwnFile] = useState<TemplateFile | null>(null);
  const [ownError, setOwnError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleLimit = useLengthLimit(title, LIMITS.titleMax, 'a title');
  const summary =
    template === OWN ? 'A template of your own, from a file: choose it below.' : TEMPLATE_CHOICES.find((t) => t.id === template)?.summary;

  /** Shows what is wrong with the template file before focus moves there, so the two are read together. */
  const stopAtFile = (message: string) => {
    flushSync(() => setOwnError(message));
    document.getElementById(`${id}-file`)?.focus();
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const cleanTitle = title.trim();
    if (!cleanTitle) {
      // Shown before focus moves, so that the field is read with its error.
      flushSync(() => setTitleError('Please give the session a title, so people know they are in the right place.'));
      document.getElementById(`${id}-title`)?.focus();
      return;
    }
    setTitleError(null);
    onError(null);
    const own = template === OWN ? ownFile : null;
    if (template === OWN && !own?.ok) {
      stopAtFile(own && !own.ok ? own.message : 'Choose a template file, or one of the templates in the list.');
      return;
    }
    setOwnError(null);
    setBusy(true);
    const requests = await requestsForSubmit();
    if (!requests) {
      setBusy(false);
      onError(NETWORK_PROBLEM);
      return;
    }
    try {
      const cleanName = name.trim();
      const created = await requests.createSession({
        title: cleanTitle,
        ...(own?.ok ? { templateJson: own.json } : { template: template as TemplateId }),
        ...(cleanName ? { facilitatorName: cleanName } : {}),
        ...(anonymous ? { anonymous: true } : {}),
      });
      saveSession({
        sessionId: created.sessionId,
        token: created.facilitatorToken,
        participantId: created.participantId,
        role: 'facilitator',
        title: cleanTitle,
        // The server took this template as it is; the board reads it back through the schema.
        template: own?.ok ? (own.json as Template) : (template as TemplateId),
        joinCode: created.joinCode,
        savedAt: Date.now(),
      });
      openEarly(created.sessionId, created.facilitatorToken);
      nav.go(`/s/${encodeURIComponent(created.sessionId)}`, { showShare: true });
    } catch (err) {
      setBusy(false);
      if (own?.ok && err instanceof requests.ApiError && err.code === 'invalid_template') {
        stopAtFile(templateProblemWords(err.message, err.path, own.json));
      } else {
        onError(requests.describeApiError(err, 'host'));
      }
    }
  }

  const titleDescribed = [titleError && `${id}-title-error`, `${id}-title-hint`, titleLimit.showCounter && `${id}-title-count`].filter(Boolean).join(' ');

  return (
    <section className="choice" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Host a session</h2>
      <p className="choice-lead">Start a board for your group and share a code with them.</p>
      <form onSubmit={submit} onInput={prepareToLeave} noValidate>
        <div className="field">
          <label htmlFor={`${id}-title`}>Session title</label>
          <input
            id={`${id}-title`}
            data-testid="start.host.title"
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              if (titleError && e.target.value.trim()) setTitleError(null);
            }}
            onInput={titleLimit.onInput}
            onPaste={titleLimit.onPaste}
            maxLength={LIMITS.titleMax}
            dir="auto"
            autoComplete="off"
            aria-describedby={titleDescribed}
            aria-invalid={titleError ? true : undefined}
            placeholder="For example: Team learning circle, March"
          />
          {titleError && <FieldError id={`${id}-title-error`} message={titleError} />}
          <p className="hint" id={`${id}-title-hint`}>
            Keep it general: no names of children, families or colleagues.
          </p>
          <LengthCounter id={`${id}-title-count`} limit={titleLimit} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-template`}>Template</label>
          <select
            id={`${id}-template`}
            data-testid="start.host.template"
            value={template}
            onChange={(e) => {
              setTemplate(e.target.value as TemplateId | typeof OWN);
              setOwnError(null);
            }}
            aria-describedby={`${id}-template-hint`}
          >
            {TEMPLATE_CHOICES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            <option value={OWN}>Use my own template…</option>
          </select>
          <p className="hint" id={`${id}-template-hint`}>
            {summary}
          </p>
        </div>
        {template === OWN && (
          <OwnTemplateField
            id={id}
            file={ownFile}
            onFile={(f) => {
              setOwnFile(f);
              setOwnError(null);
            }}
            error={ownError}
          />
        )}
        <NameField id={id} testId="start.host.name" value={name} onChange={setName} optional />
        <div className="field">
          <div className="host-switch">
            <input
              id={`${id}-anonymous`}
              type="checkbox"
              role="switch"
              data-testid="start.host.anonymous"
              checked={anonymous}
              onChange={(e) => setAnonymous(e.target.checked)}
              aria-describedby={`${id}-anonymous-hint`}
            />
            <label htmlFor={`${id}-anonymous`}>Anonymous session</label>
          </div>
          <p className="hint" id={`${id}-anonymous-hint`}>
            Notes show no names, to the group or in the record. Everyone writes privately until you reveal the notes. People can
            still change or delete their own.
          </p>
        </div>
        <FormError message={error} />
        <button type="submit" className="button button-primary button-large" data-testid="start.host.submit" disabled={busy}>
          {busy ? 'Starting…' : 'Start the session'}
        </button>
      </form>
    </section>
  );
}
