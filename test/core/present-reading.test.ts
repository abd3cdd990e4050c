// Reading mode as a reader sees it: the kinds of the tagged entities are words of the reader's language.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ENTITY_TYPES } from '../../src/content/article-schema.ts';
import type { Block } from '../../src/core/output.ts';
import { translate } from '../../src/i18n/translate.ts';
import { onlyMessage } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(() => t.close());

const tagsOf = (blocks: readonly Block[]) =>
  blocks.flatMap((block) => (block.kind === 'tags' ? block.tags : []));

test('the kinds of tagged entities are shown in the reader’s language, the names as the article has them', async () => {
  const article = t.catalog.all().find((entry) => (entry.reading[0]?.entities.length ?? 0) > 0);
  if (!article) throw new Error('no article whose first focus sentence has tags');
  const entities = article.reading[0]?.entities ?? [];
  const readIn = async (platformLocale: string) =>
    tagsOf(
      onlyMessage(
        await t.router.runLine(
          actor('ann', 'dm-ann', { chatKind: 'private', platformLocale }),
          { name: 'read', args: article.id },
          async () => false,
        ),
      ).blocks,
    );
  expect(await readIn('en')).toEqual(entities.map(({ type, name }) => ({ type, name })));
  expect(await readIn('de')).toEqual(
    entities.map(({ type, name }) => ({ type: translate('de', `entity-type-${type}`), name })),
  );
  const chinese = await readIn('zh-CN');
  expect(chinese.map((tag) => tag.name)).toEqual(entities.map((entity) => entity.name));
  for (const tag of chinese) expect(tag.type).not.toMatch(/^[a-z]+$/);
});

test('every kind of entity has a word in each language, other than the English one', () => {
  for (const locale of ['de', 'zh-CN']) {
    const words = ENTITY_TYPES.map((type) => translate(locale, `entity-type-${type}`));
    expect(words.filter((word, index) => word === ENTITY_TYPES[index])).toEqual([]);
    expect(new Set(words).size).toBe(ENTITY_TYPES.length);
  }
  expect(ENTITY_TYPES.map((type) => translate('en', `entity-type-${type}`))).toEqual([...ENTITY_TYPES]);
});
