import { StrictMode, Suspense, lazy, startTransition, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { StartPage, startCodeFromPath } from './pages/StartPage';
import { LoadErrorBoundary } from './components/LoadErrorBoundary';
import { Opening } from './components/start/Opening';
import { StartNavigationContext, loadApp, type StartNavigation } from './components/start/startNavigation';
import type { Arrival } from './App';
import './styles/base.css';
import './styles/start.css';
import './styles/board.css';

// The router, the sync libraries and the board load as one lazy part: a person opening the
// start page, often on a phone, gets the forms without waiting for them.
const App = lazy(() => loadApp().then((m) => ({ default: m.App })));

function Root() {
  const [startCode] = useState(() => startCodeFromPath(location.pathname));
  const [arrival, setArrival] = useState<Arrival | null>(null);
  const [nav] = useState<StartNavigation>(() => ({
    // A transition keeps the form on screen, busy, until the app is there to take over.
    go: (to, state) => startTransition(() => setArrival({ to, state })),
  }));

  if (startCode !== null && !arrival) {
    return (
      <StartNavigationContext value={nav}>
        <StartPage code={startCode} />
      </StartNavigationContext>
    );
  }
  return (
    <Suspense fallback={<Opening />}>
      <App {...(arrival ? { arrival } : {})} />
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LoadErrorBoundary>
      <Root />
    </LoadErrorBoundary>
  </StrictMode>,
);
