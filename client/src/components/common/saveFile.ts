/** Saves a file made or fetched in the browser through a short-lived object URL. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Later, so that the browser has started the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
