import { useId, useState } from 'react';
import type { ExportFormat } from '@balcony/shared';
import { fetchExport } from '../../api/http';
import { EXPORT_CHOICES } from '../../outcome/exports';
import { apiFailureWords } from '../../outcome/apiWords';
import { saveFile } from '../common/saveFile';

/**
 * A button for each format the record can be downloaded in. The exports need the session's
 * token in a header, which a plain link cannot send: each is fetched, then saved.
 */
export function DownloadButtons({ snapshotId, token, title }: { snapshotId: string; token: string; title: string }) {
  const id = useId();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [said, setSaid] = useState<{ text: string; problem: boolean } | null>(null);

  const download = async (format: ExportFormat, label: string) => {
    setBusy(format);
    setSaid({ text: `Preparing the ${label} file…`, problem: false });
    try {
      const file = await fetchExport(snapshotId, token, format, title);
      saveFile(file.blob, file.filename);
      setSaid({ text: `${file.filename} downloaded.`, problem: false });
    } catch (err) {
      setSaid({ text: apiFailureWords(err, `The ${label} file could not be made.`), problem: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="record-downloads" aria-labelledby={`${id}-title`} data-testid="record.downloads">
      <h2 id={`${id}-title`}>Download</h2>
      <ul className="record-download-list">
        {EXPORT_CHOICES.map((c) => (
          <li key={c.format}>
            <button
              type="button"
              className="button"
              data-testid={`record.download.${c.format}`}
              disabled={busy !== null}
              aria-describedby={`${id}-${c.format}`}
              onClick={() => void download(c.format, c.label)}
            >
              {busy === c.format ? 'Preparing…' : c.label}
            </button>
            <span className="record-meta" id={`${id}-${c.format}`}>
              {c.hint}
            </span>
          </li>
        ))}
      </ul>
      <p className={said?.problem ? 'form-error' : 'hint'} role="status" data-testid="record.download.status">
        {said?.text}
      </p>
    </section>
  );
}
