import { describe, expect, it } from 'vitest';
import { pathInWords, previewOf, templateProblemWords } from './ownTemplate';

const json = {
  name: 'Our circle',
  summary: 'A short one',
  frames: [{ label: 'The board', zones: [{ label: 'Ideas' }] }],
  phases: [{ name: 'Welcome', minutes: 5 }, { name: 'Ideas', minutes: 10 }, { name: 'The story', minutes: 15 }],
};

describe('a template of the facilitator’s own', () => {
  it('is previewed with its frames and phases', () => {
    expect(previewOf(json)).toEqual({
      name: 'Our circle',
      summary: 'A short one',
      frames: ['The board'],
      phases: [{ name: 'Welcome', minutes: 5 }, { name: 'Ideas', minutes: 10 }, { name: 'The story', minutes: 15 }],
    });
    expect(previewOf([1, 2])).toBeNull();
  });

  it('names where a problem is in words taken from the template', () => {
    expect(pathInWords('$.phases[2].frame', json)).toBe('phase 3 (“The story”), “frame”');
    expect(pathInWords('$.frames[0].zones[0].shape', json)).toBe('frame 1 (“The board”), zone 1 (“Ideas”), “shape”');
    expect(pathInWords('$', json)).toBe('the whole file');
  });

  it('says the server’s refusal plainly, with the path to find it by', () => {
    expect(templateProblemWords('The template is not valid at $.phases[2].frame: unknown frame nope', '$.phases[2].frame', json)).toBe(
      "This template can't be used. In phase 3 (“The story”), “frame”: unknown frame nope. (At $.phases[2].frame in the file.) Fix the file, then choose it again.",
    );
  });
});
