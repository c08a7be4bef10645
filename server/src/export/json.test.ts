import { outcomeRecordSchema } from '@balcony/shared';
import { describe, expect, it } from 'vitest';
import { culturalWebFixture, WITHHELD_TEXT } from './fixtures.js';
import { recordJson } from './json.js';

describe('recordJson', () => {
  it('reads back as the same record, valid against the schema, without the withheld note', () => {
    const { record } = culturalWebFixture();
    const text = recordJson(record);
    expect(outcomeRecordSchema.parse(JSON.parse(text))).toEqual(record);
    expect(text).toContain('\n  "title": "Team web: Café naïve ✓"');
    expect(text).not.toContain(WITHHELD_TEXT);
  });
});
