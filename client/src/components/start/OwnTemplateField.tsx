import { useState, type ChangeEvent } from 'react';
import { FieldError } from './NameField';
import { readTemplateFile, type TemplateFile } from './ownTemplate';

interface Props {
  /** Prefix for ids (from useId). */
  id: string;
  file: TemplateFile | null;
  onFile: (file: TemplateFile | null) => void;
  /** What is wrong: the file, or the server's word on the template in it. */
  error: string | null;
}

/**
 * "Use my own template…": a file picker, a preview of what the file holds (its name, frames, and
 * phases with their minutes) and, when the file or the template in it is wrong, what and where.
 */
export function OwnTemplateField({ id, file, onFile, error }: Props) {
  const [reading, setReading] = useState(false);

  const onChange = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    if (!chosen) return onFile(null);
    setReading(true);
    onFile(await readTemplateFile(chosen));
    setReading(false);
  };

  const problem = error ?? (file && !file.ok ? file.message : null);
  const preview = file?.ok ? file.preview : null;
  const total = preview?.phases.reduce((m, p) => m + (p.minutes ?? 0), 0) ?? 0;
  const described = [problem && `${id}-file-error`, `${id}-file-hint`].filter(Boolean).join(' ');

  return (
    <div className="field own-template">
      <label htmlFor={`${id}-file`}>Template file</label>
      <input
        id={`${id}-file`}
        type="file"
        accept="application/json,.json"
        data-testid="start.host.templateFile"
        aria-describedby={described}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => void onChange(e)}
      />
      {problem && <FieldError id={`${id}-file-error`} message={problem} testId="start.host.templateError" />}
      <p className="hint" id={`${id}-file-hint`}>
        A template written as JSON, in Balcony's template format. It stays with this session only.
      </p>
      <div aria-live="polite">
        {reading && <p className="hint">Reading the file…</p>}
        {preview && (
          <section className="template-preview" data-testid="start.host.templatePreview" aria-label={`Template: ${preview.name}`}>
            <h3 className="template-preview-name">{preview.name}</h3>
            {preview.summary && <p className="hint">{preview.summary}</p>}
            <p className="template-preview-frames">
              <strong>{preview.frames.length === 1 ? 'Frame:' : 'Frames:'}</strong> {preview.frames.join(', ') || 'none'}
            </p>
            <p className="template-preview-phases-title">
              <strong>Phases</strong> ({total} minutes in all):
            </p>
            <ol className="template-preview-phases">
              {preview.phases.map((p, i) => (
                <li key={i}>
                  {p.name}
                  {p.minutes !== null && <span className="optional"> — {p.minutes} min</span>}
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </div>
  );
}
