/** The calm page shown for the moment the board's code is still arriving. */
export function Opening() {
  return (
    <main className="message-page" aria-busy="true" aria-labelledby="opening-heading" data-testid="app.opening">
      <h1 id="opening-heading" role="status">
        Opening the board…
      </h1>
    </main>
  );
}
