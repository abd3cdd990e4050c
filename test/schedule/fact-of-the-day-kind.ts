// A kind of post that exists only in tests, written as a shipped kind is (src/core/post-kinds/): every
// day, the newest article's one-line change. It shows that a new kind is its file and a line in the list.
import { message } from '../../src/core/output.ts';
import { definePostKind, kindReason } from '../../src/core/post-kinds/define-post-kind.ts';

const labels = {
  title: 'Fact of the day',
  offer: 'a fact of the day',
  nothing: 'no article to take a fact from',
} as const;

export default definePostKind({
  name: 'fact-of-the-day',
  labels,
  aliases: ['fact'],
  audience: 'chat',
  every: 'day',
  async compose({ core }) {
    const [newest] = core.catalog().all();
    // Its own words while it has no messages: kindReason falls back to them.
    if (!newest) return { kind: 'skip', reason: kindReason('fact-of-the-day', labels, 'nothing') };
    const msg = message([
      { kind: 'title', text: `${labels.title} · ${newest.title}` },
      { kind: 'text', text: newest.tldr.whatChanged },
    ]);
    return { kind: 'post', payload: { kind: 'message', message: msg } };
  },
});
