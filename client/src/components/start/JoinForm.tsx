import { useId, useState, type FormEvent } from 'react';
import { JOIN_CODE_LENGTH, isJoinCode, normalizeJoinCode } from '@balcony/shared/light';
import { saveSession, updateSession } from '../../session/storage';
import { FormError } from './FormError';
import { NameField } from './NameField';
import { loadApp, loadStartRequests, prepareToLeave, useStartNavigation } from './startNavigation';

// The words describeApiError uses, for when its own code could not be fetched.
const NETWORK_PROBLEM = "Balcony can't reach the server. Check your connection, then try again.";

interface Props {
  initialCode: string;
  error: string | null;
  onError: (message: string | null) => void;
}

export function JoinForm({ initialCode, error, onError }: Props) {
  const nav = useStartNavigation();
  const id = useId();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const joinCode = normalizeJoinCode(code);
    const cleanName = name.trim();
    if (joinCode.length !== JOIN_CODE_LENGTH) {
      onError('A code has six letters and numbers, like ABC-DEF. Check it with your facilitator.');
      document.getElementById(`${id}-code`)?.focus();
      return;
    }
    if (!isJoinCode(joinCode)) {
      onError("That code isn't running a session. Check it with your facilitator.");
      document.getElementById(`${id}-code`)?.focus();
      return;
    }
    if (!cleanName) {
      onError('Please type your name, so the group knows who wrote what.');
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    onError(null);
    setBusy(true);
    // The board's code comes down while the server answers.
    loadApp().catch(() => {});
    let requests;
    try {
      requests = await loadStartRequests();
    } catch {
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
            onChange={(e) => setCode(e.target.value)}
            maxLength={20}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={`${id}-code-hint`}
            placeholder="ABC-DEF"
          />
          <p className="hint" id={`${id}-code-hint`}>
            Six letters and numbers. Capitals, spaces and dashes don't matter.
          </p>
        </div>
        <NameField id={id} testId="start.join.name" value={name} onChange={setName} autoFocus={initialCode !== ''} />
        <FormError message={error} />
        <button type="submit" className="button button-primary button-large" data-testid="start.join.submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </section>
  );
}
