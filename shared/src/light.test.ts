import { describe, expect, it } from 'vitest';
import { listTemplates } from './index.js';
import { TEMPLATE_CHOICES } from './light.js';

describe('the light entry', () => {
  it('offers the same templates, in the same order, as the full contract', () => {
    expect(TEMPLATE_CHOICES).toEqual(listTemplates().map(({ id, name, summary }) => ({ id, name, summary })));
  });
});
