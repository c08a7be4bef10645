import { describe, expect, it } from 'vitest';
import { listTemplates } from '@balcony/shared';
import { TEMPLATE_CHOICES } from '@balcony/shared/light';

describe('the Host form’s templates', () => {
  it('are every built-in, in order, named and summed up as their files say', () => {
    expect(TEMPLATE_CHOICES).toEqual(listTemplates().map(({ id, name, summary }) => ({ id, name, summary })));
  });
});
