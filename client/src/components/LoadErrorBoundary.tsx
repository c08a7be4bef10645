import { Component, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/**
 * Catches a page that failed to load or render, most often a code chunk that is gone because a
 * new version was deployed while the tab was open, and offers a reload instead of a blank page.
 * Nothing on the board is lost by reloading: edits are kept on this device until they sync.
 */
export class LoadErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="message-page" role="alert">
        <h1>This page could not load</h1>
        <p>Balcony may have been updated, or the connection dropped. Reload to carry on: your notes are kept.</p>
        <button type="button" className="button button-primary" onClick={() => location.reload()}>
          Reload
        </button>
      </main>
    );
  }
}
