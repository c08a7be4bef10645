import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, addNote, getMeta, getNotes } from '@balcony/shared';
import { judgeOfflineCopy, reportFoundSomething } from './offlineCopy';

const zoneIds = new Set(['questions', 'actions']);
const note = { zone: 'questions', x: 0.5, y: 0.5, color: '#FFE98F', authorId: 'p-amara', createdAt: 1 };

function keptCopy(version: number | null): Y.Doc {
  const doc = new Y.Doc();
  if (version !== null) getMeta(doc).set('schemaVersion', version);
  addNote(doc, { ...note, id: 'n1', text: 'Written on the train' });
  return doc;
}

describe('judgeOfflineCopy', () => {
  it('has nothing to judge when the browser kept no copy', () => {
    expect(judgeOfflineCopy(new Y.Doc(), zoneIds)).toEqual({ keep: true, report: null });
  });

  it('keeps a current copy and finds nothing in it', () => {
    const verdict = judgeOfflineCopy(keptCopy(BOARD_SCHEMA_VERSION), zoneIds);
    expect(verdict.keep).toBe(true);
    if (!verdict.keep || !verdict.report) throw new Error('expected a report');
    expect(reportFoundSomething(verdict.report)).toBe(false);
  });

  it('refuses a copy of a newer schema than this code knows', () => {
    const verdict = judgeOfflineCopy(keptCopy(BOARD_SCHEMA_VERSION + 1), zoneIds);
    expect(verdict).toMatchObject({ keep: false });
  });

  it('keeps a copy with a broken note, reports it, and never writes to the copy', () => {
    const copy = keptCopy(BOARD_SCHEMA_VERSION);
    addNote(copy, { ...note, id: 'n2', zone: 'no-such-zone' });
    getNotes(copy).get('n1')!.set('stray', 1);
    const before = Y.encodeStateAsUpdate(copy);
    const verdict = judgeOfflineCopy(copy, zoneIds);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(before);
    expect(verdict.keep).toBe(true);
    if (!verdict.keep || !verdict.report) throw new Error('expected a report');
    expect(reportFoundSomething(verdict.report)).toBe(true);
    expect(verdict.report.repaired).toEqual([{ noteId: 'n1', problems: ['unknown-field'] }]);
    expect(verdict.report.dropped).toEqual([{ noteId: 'n2', problems: ['unknown-zone'] }]);
  });

  it('reports a copy that never learnt its version, as one written only offline', () => {
    const verdict = judgeOfflineCopy(keptCopy(null), zoneIds);
    if (!verdict.keep || !verdict.report) throw new Error('expected a report');
    expect(verdict.report.fromVersion).toBeNull();
    expect(reportFoundSomething(verdict.report)).toBe(true);
  });

  it('checks against the zones of every known template by default', () => {
    const verdict = judgeOfflineCopy(keptCopy(BOARD_SCHEMA_VERSION));
    if (!verdict.keep || !verdict.report) throw new Error('expected a report');
    expect(verdict.report.dropped).toEqual([]);
  });
});
