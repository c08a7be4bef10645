import { useId, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { JOIN_CODE_LENGTH, isJoinCode, normalizeJoinCode } from '@balcony/shared/light';
import { saveSession, updateSession } from '../../session/storage';
import { FormError } from './FormError';
import { FieldError, NameField } from './NameField';
import { NETWORK_PROBLEM, openEarly, prepareToLeave, requestsForSubmit, useStartNavigation } from './startNavigation';

// The words describeApiError uses, for when its own code could not be fetched.

interface Props {
  initialCode: string;
  error: string | null;
  onError: (message: string | null) => void;
}

type Field = 'code' | 'name';

export function JoinForm({ initialCode, error, onError }: Props) {
  const nav = useStartNavigation();
  const id = useId();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const [fieldError, setFieldError] = useState<{ field: Field; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  /** Shows the error by its field before focus moves there, so that the two are read together. */
  function stopAt(field: Field, message: string) {
    onError(null);
    flushSync(() => setFieldError({ field, message }));
    document.getElementById(`${id}-${field}`)?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const joinCode = normalizeJoinCode(code);
    const cleanName = name.trim();
    if (joinCode.length !== JOIN_CODE_LENGTH) {
      stopAt('code', 'A code has six letters and numbers, like ABC-DEF. Check it with your facilitator.');
      return;
    }
    if (!isJoinCode(joinCode)) {
      stopAt('code', "That code isn't running a session. Check it with your facilitator.");
      return;
    }
    if (!cleanName) {
      stopAt('name', 'Please type your name, so the group knows who wrote what.');
      return;
    }
    setFieldError(null);
    onError(null);
    setBusy(true);
    const requests = await requestsForSubmit();
    if (!requests) {
      setBusy(false);
      onError(NETWORK_PROBLEM);
      return;
    }
    try {
      const joined = await requests.joinSession({ joinCode, name: cleanName });
      saveSession({
        sessionId: joined.sessionId,
        token: joined.participantToken,
        participantId: joined.participantId,
        role: 'participant',
        title: '',
        savedAt: Date.now(),
      });
      openEarly(joined.sessionId, joined.participantToken);
      // The board needs the template; reading the session now lets it open at once.
      try {
        const view = await requests.getSession(joined.sessionId, joined.participantToken);
        updateSession(joined.sessionId, { title: view.title, template: view.template, role: view.role, participants: view.participants });
      } catch {
        /* the board reads it again when it opens */
      }
      nav.go(`/s/${encodeURIComponent(joined.sessionId)}`);
    } catch (err) {
      setBusy(false);
      onError(requests.describeApiError(err, 'join'));
    }
  }

  const codeError = fieldError?.field === 'code' ? fieldError.message : null;

  return (
    <section className="choice" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Join a session</h2>
      <p className="choice-lead">Type the code your facilitator shows you, and your name.</p>
      <form onSubmit={submit} onInput={prepareToLeave} noValidate>
        <div className="field">
          <label htmlFor={`${id}-code`}>Code</label>
          <input
            id={`${id}-code`}
            className="code-input"
            data-testid="start.join.code"
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              if (codeError) setFieldError(null);
            }}
            maxLength={20}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={codeError ? `${id}-code-error ${id}-code-hint` : `${id}-code-hint`}
            aria-invalid={codeError ? true : undefined}
            placeholder="ABC-DEF"
          />
          {codeError && <FieldError id={`${id}-code-error`} message={codeError} />}
          <p className="hint" id={`${id}-code-hint`}>
            Six letters and numbers. Capitals, spaces and dashes don't matter.
          </p>
        </div>
        <NameField
          id={id}
          testId="start.join.name"
          value={name}
          onChange={(v) => {
            setName(v);
            if (fieldError?.field === 'name' && v.trim()) setFieldError(null);
          }}
          autoFocus={initialCode !== ''}
          error={fieldError?.field === 'name' ? fieldError.message : null}
        />
        <FormError message={error} />
        <button type="submit" className="button button-primary button-large" data-testid="start.join.submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </section>
  );
}
