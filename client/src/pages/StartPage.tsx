import { useState, useSyncExternalStore } from 'react';
import { normalizeJoinCode } from '@balcony/shared/light';
import { HostForm } from '../components/start/HostForm';
import { JoinForm } from '../components/start/JoinForm';
import { useDocumentTitle } from './useDocumentTitle';
import '../styles/start-library.css';

export type StartForm = 'host' | 'join';
export interface StartError {
  form: StartForm;
  message: string;
}

/** The code in a start page's address: '' on `/`, the code on `/join/CODE`, null elsewhere. */
export function startCodeFromPath(pathname: string): string | null {
  if (pathname === '/' || pathname === '') return '';
  const m = /^\/join\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  try {
    return normalizeJoinCode(decodeURIComponent(m[1]!));
  } catch {
    return null;
  }
}

// Where the two choices stack (start.css lays them side by side above it), Join comes first:
// on a phone it is almost always a participant, who should not scroll past the Host form.
const STACKED = '(max-width: 47.99rem)';

function subscribeStacked(onChange: () => void): () => void {
  const query = matchMedia(STACKED);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function useStacked(): boolean {
  return useSyncExternalStore(subscribeStacked, () => matchMedia(STACKED).matches);
}

/** Two choices, side by side on a wide screen: host a session or join one. */
export function StartPage({ code }: { code?: string | undefined }) {
  const initialCode = code ? normalizeJoinCode(code) : '';
  const [error, setError] = useState<StartError | null>(null);
  const stacked = useStacked();
  useDocumentTitle(initialCode ? 'Join a session' : null);

  const host = (
    <HostForm key="host" error={error?.form === 'host' ? error.message : null} onError={(m) => setError(m ? { form: 'host', message: m } : null)} />
  );
  const join = (
    <JoinForm
      key="join"
      initialCode={initialCode}
      error={error?.form === 'join' ? error.message : null}
      onError={(m) => setError(m ? { form: 'join', message: m } : null)}
    />
  );

  return (
    <main className="start">
      <header className="start-header">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Balcony
        </h1>
        <p className="start-lead">One shared board for reflective group work: write notes together, see the whole picture.</p>
      </header>
      <div className="start-choices">{initialCode || stacked ? [join, host] : [host, join]}</div>
      <footer className="start-footer">
        <p>No account needed. Treat every board as confidential: write about practice, not about people.</p>
        {/* A plain link: this page can show before the router has loaded. */}
        <p>
          <a href="/library" className="start-library-link" data-testid="start.library">
            Library
          </a>
          : the sessions you hosted or joined on this device.
        </p>
      </footer>
    </main>
  );
}
