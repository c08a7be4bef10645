import type { OutcomeRecord } from '@balcony/shared';

/** The record as it is filed, indented for a person to read; the schema is `outcomeRecordSchema`. */
export function recordJson(record: OutcomeRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
