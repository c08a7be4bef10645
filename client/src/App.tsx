import { Suspense, lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { StartPage } from './pages/StartPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { LoadErrorBoundary } from './components/LoadErrorBoundary';

// The board brings the sync libraries; the start page should not wait for them.
const BoardPage = lazy(() => import('./pages/BoardPage').then((m) => ({ default: m.BoardPage })));

export function App() {
  return (
    <BrowserRouter>
      <LoadErrorBoundary>
        <Suspense fallback={<main className="message-page" aria-busy="true" />}>
          <Routes>
            <Route path="/" element={<StartPage />} />
            <Route path="/join/:code" element={<StartPage />} />
            <Route path="/s/:sessionId" element={<BoardPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </LoadErrorBoundary>
    </BrowserRouter>
  );
}
