import { useState } from 'react';
import { compareMarkdown, comparisonTitle, type RecordComparison } from '@balcony/shared';
import { saveFile } from '../common/saveFile';

/** A file name from the comparison's title: "comparison-team-web.md". */
export function comparisonFilename(c: RecordComparison): string {
  const slug = comparisonTitle(c)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'comparison'}.md`;
}

/**
 * Saves the comparison as Markdown, written here from what the page shows: nothing more is
 * asked of the server.
 */
export function DownloadComparison({ comparison }: { comparison: RecordComparison }) {
  const [said, setSaid] = useState('');
  const save = () => {
    const filename = comparisonFilename(comparison);
    saveFile(new Blob([compareMarkdown(comparison)], { type: 'text/markdown;charset=utf-8' }), filename);
    setSaid(`${filename} downloaded.`);
  };
  return (
    <section className="record-downloads" aria-labelledby="compare-download-title">
      <h2 id="compare-download-title">Download</h2>
      <p className="record-buttons">
        <button type="button" className="button" data-testid="compare.download" onClick={save}>
          Download as Markdown
        </button>
      </p>
      <p className="hint" role="status" data-testid="compare.download.status">
        {said}
      </p>
    </section>
  );
}
