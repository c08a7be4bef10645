import { outcomeRecordSchema } from '@balcony/shared';
import { describe, expect, it } from 'vitest';
import { culturalWebFixture, followUpFixture, WITHHELD_TEXT } from './fixtures.js';
import { recordJson } from './json.js';

describe('recordJson', () => {
  it('reads back as the same record, valid against the schema, without the withheld note', () => {
    const { record } = culturalWebFixture();
    const text = recordJson(record);
    expect(outcomeRecordSchema.parse(JSON.parse(text))).toEqual(record);
    expect(text).toContain('\n  "title": "Team web: Café naïve ✓"');
    expect(text).not.toContain(WITHHELD_TEXT);
  });

  it("keeps a follow-up's previous session and its review, as the first section", () => {
    const { record } = followUpFixture();
    const read = outcomeRecordSchema.parse(JSON.parse(recordJson(record)));
    expect(read).toEqual(record);
    expect(read.previousSessionId).toBe('sess-circle');
    expect(read.review.map((r) => [r.actionId, r.outcome])).toEqual([['a-try', 'done'], ['a-ask', 'dropped'], ['a-share', 'carried'], ['a-read', null]]);
    expect(read.sections[0]).toMatchObject({ kind: 'review', items: read.review });
  });
});
