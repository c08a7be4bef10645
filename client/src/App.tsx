// The zod setting comes before anything that loads the contract (see zodConfig.ts).
import './api/zodConfig';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { BoardPage } from './pages/BoardPage';
import { RecordPage } from './pages/RecordPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { StartPage } from './pages/StartPage';
import { LibraryPage } from './pages/LibraryPage';
import { TeamPage } from './pages/TeamPage';
import { SnapshotPage } from './pages/SnapshotPage';
import { PresentPage } from './pages/PresentPage';
import { ComparePage } from './pages/ComparePage';
import { Opening } from './components/start/Opening';
import { StartNavigationContext, type StartNavigation } from './components/start/startNavigation';

export { openConnectionEarly } from './session/earlyConnection';

/** Where a start form was going when the app had not loaded yet. */
export interface Arrival {
  to: string;
  state?: unknown;
}

/**
 * The whole app, with the router and the board. main.tsx loads it lazily: the start page is
 * shown without it, and this arrives while a person fills in a form.
 */
export function App({ arrival }: { arrival?: Arrival }) {
  return (
    <BrowserRouter>
      <Arrive arrival={arrival}>
        <Routes>
          <Route path="/" element={<RoutedStartPage />} />
          <Route path="/join/:code" element={<RoutedStartPage />} />
          <Route path="/s/:sessionId" element={<BoardPage />} />
          <Route path="/s/:sessionId/record" element={<RecordPage />} />
          <Route path="/s/:sessionId/snapshots/:snapshotId" element={<SnapshotPage />} />
          <Route path="/s/:sessionId/present" element={<PresentPage />} />
          <Route path="/library" element={<LibraryPage />} />
          <Route path="/t/:token" element={<TeamPage />} />
          <Route path="/compare" element={<ComparePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Arrive>
    </BrowserRouter>
  );
}

function RoutedStartPage() {
  const { code } = useParams();
  const navigate = useNavigate();
  const [nav] = useState<StartNavigation>(() => ({ go: (to, state) => void navigate(to, { state }) }));
  return (
    <StartNavigationContext value={nav}>
      <StartPage code={code} />
    </StartNavigationContext>
  );
}

/**
 * Takes the router to where the start form was going, through the router's own navigation so
 * that Back and the location's state work as they would had it been loaded from the start.
 * Until it has arrived it shows the opening page, not a second start page.
 */
function Arrive({ arrival, children }: { arrival: Arrival | undefined; children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const firstKey = useRef(location.key);
  const sent = useRef(false);
  const [arrived, setArrived] = useState(!arrival);
  if (!arrived && location.key !== firstKey.current) setArrived(true);

  useEffect(() => {
    if (!arrival || sent.current) return;
    sent.current = true;
    void navigate(arrival.to, { state: arrival.state });
  }, [arrival, navigate]);

  return arrived ? children : <Opening />;
}
