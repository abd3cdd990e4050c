// The preview's statistics: read per article from the store, and left out, saying why, when the store
// cannot be opened (a bad STORE_URL, a store that is down), the next look trying again.
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { silentLogger } from '../../src/logger.ts';
import { lazyQuality, type PreviewQuality } from '../../src/preview/preview-quality.ts';
import { startPreviewServer } from '../../src/preview/preview-server.ts';
import { previewState } from '../../src/preview/preview-state.ts';
import { openQualityReader } from '../../src/store/quality-reader.ts';
import { StoreOpenError } from '../../src/store/store-open-error.ts';
import { articleMarkdown, lineOf, tempFolder, writeArticle } from '../content/fixtures.ts';

test('the store is opened on the first look; a failure is shown as the reason, and the next look tries again', async () => {
  const { dir, remove } = await tempFolder();
  const library = new ContentLibrary(dir, silentLogger(), { logProblems: false });
  try {
    const markdown = articleMarkdown();
    await writeArticle(dir, 'harbor.md', markdown);
    await library.load();
    let attempts = 0;
    const quality = lazyQuality(library, async () => {
      attempts += 1;
      if (attempts === 1) throw new StoreOpenError('STORE_URL=redis://db:6379: could not connect to Redis');
      return openQualityReader(`sqlite://${join(dir, 'missing.sqlite')}`, 'preview', silentLogger());
    });
    const server = await startPreviewServer({ library, port: 0, quality: quality.read });
    try {
      const look = async () =>
        (await (await fetch(new URL('/quality', server.url))).json()) as PreviewQuality;
      expect(await look()).toEqual({
        unavailable: 'STORE_URL=redis://db:6379: could not connect to Redis',
        articles: {},
      });
      const second = await look();
      expect(second.note).toContain('missing.sqlite does not exist yet');
      expect(second.articles['harbor-bridge-sensors']).toHaveLength(2);
      expect(second.articles['harbor-bridge-sensors']?.[0]).toMatchObject({
        index: 0,
        stats: 'no answers yet',
        reports: 'no reports',
        flags: [],
      });
      await look();
      expect(attempts).toBe(2);

      // The quiz views say where each question is and which choice is right.
      const [file, article] = [...library.files][0] ?? [];
      if (!file || !article) throw new Error('not loaded');
      const state = previewState(dir, 1, library.files, [], Date.now(), (name) =>
        library.questionLines(name),
      );
      const quiz = state.articles[0]?.views.filter((view) => view.group === 'quiz') ?? [];
      expect(quiz.map((view) => view.question?.line)).toEqual(
        article.questions.map((question) => lineOf(markdown, `### ${question.prompt}`)),
      );
      expect(quiz.map((view) => view.question?.choices.filter((choice) => choice.correct).length)).toEqual([
        1, 1,
      ]);
    } finally {
      await server.close();
      await quality.close();
    }
  } finally {
    await library.close();
    await remove();
  }
});
