// A drafter for tests of what happens to a draft that passes every check (as a language model's may):
// the built-in draft with the fields that need judgment written, as an author would write them.
import { builtInDrafter } from '../../src/intake/built-in-drafter.ts';
import type { Drafter } from '../../src/intake/draft.ts';

export const completeDrafter: Drafter = {
  name: 'complete (test)',
  async draft(source, library) {
    const draft = await builtInDrafter.draft(source, library);
    const { article } = draft;
    return {
      drafter: 'complete (test)',
      todo: {},
      article: {
        ...article,
        topics: article.topics.length > 0 ? article.topics : ['infrastructure'],
        published: article.published || '2026-05-14',
        audience: ['City engineers'],
        tldr: {
          ...article.tldr,
          whyItMatters: 'Readers learn what changes for them.',
          whatToDoNext: 'Read the source for the details.',
        },
        comparison: { columns: ['Aspect', 'Before', 'After'], rows: [['Status', 'Planned', 'Done']] },
        deepDive: ['The article explains how the work was done.'],
        implications: [{ claim: 'Others will follow.', rationale: 'The plans are public.' }],
        timeline:
          article.timeline.length > 0 ? article.timeline : [{ date: '2026-05', event: 'It happened.' }],
      },
    };
  },
};
