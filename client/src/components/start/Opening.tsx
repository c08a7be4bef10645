/** The calm page shown for the moment the board's code is still arriving. */
export function Opening() {
  return (
    <main className="message-page" aria-busy="true" aria-labelledby="opening-heading" data-testid="app.opening">
      <div role="status">
        <h1 id="opening-heading">Opening the board…</h1>
      </div>
    </main>
  );
}
