import { Link } from 'react-router-dom';
import { useDocumentTitle } from './useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <main className="message-page">
      <h1>There is nothing here</h1>
      <p>The address may be mistyped, or the page may have moved.</p>
      <p>
        <Link to="/">Go to the start page</Link> to host or join a session.
      </p>
    </main>
  );
}
