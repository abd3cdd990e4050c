// Briefs as neutral messages: a compact card, sections opened on demand, and related articles.
import type { Article } from '../content/article-schema.ts';
import { publishedMs } from '../content/published-at.ts';
import { t } from '../i18n/current-locale.ts';
import { type BriefSection, encodeAction } from './action-payload.ts';
import { type ArticleCatalog, articleRef } from './article-catalog.ts';
import { formatAge, formatDate } from './calendar.ts';
import { clipText } from './clip-text.ts';
import { type Block, type Button, message, type NeutralMessage } from './output.ts';

const RELATED_LIMIT = 3;

/** A section's name on its button and title, in the current language. */
export const sectionLabel = (section: BriefSection): string => t(`brief-section-${section}`);

function sectionButtons(article: Article): Button[][] {
  const ref = articleRef(article.id);
  const section = (name: BriefSection): Button => ({
    kind: 'action',
    label: sectionLabel(name),
    payload: encodeAction({ type: 'section', article: ref, section: name }),
  });
  return [
    [section('takeaways'), section('comparison'), section('deep-dive')],
    [section('implications'), section('timeline'), section('related')],
    [
      {
        kind: 'action',
        label: t('brief-read'),
        style: 'primary',
        payload: encodeAction({ type: 'read', article: ref, step: 0 }),
      },
      {
        kind: 'action',
        label: t('brief-quiz'),
        style: 'success',
        payload: encodeAction({ type: 'quiz', article: ref, mode: 'solo' }),
      },
      { kind: 'link', label: t('brief-source'), url: article.source.url },
    ],
  ];
}

/** The card: title, source and age, hook, the TL;DR lines and who should care. */
export function briefCard(article: Article, now: number): NeutralMessage {
  const age = formatAge(publishedMs(article), now);
  return message(
    [
      { kind: 'title', text: article.title, url: article.source.url },
      { kind: 'quote', text: article.hook },
      {
        kind: 'fields',
        fields: [
          { label: t('brief-what-changed'), value: article.tldr.whatChanged },
          { label: t('brief-why-it-matters'), value: article.tldr.whyItMatters },
          { label: t('brief-what-to-do-next'), value: article.tldr.whatToDoNext },
          { label: t('brief-who-should-care'), value: article.audience.join(', ') },
        ],
      },
      {
        kind: 'footer',
        text: `${article.source.name} · ${age} · ${article.topics.map((topic) => `#${topic}`).join(' ')}`,
      },
    ],
    sectionButtons(article),
  );
}

/** Articles sharing topics (weighted more) or tagged entities with this one, best first. */
export function relatedArticles(catalog: ArticleCatalog, article: Article, limit = RELATED_LIMIT): Article[] {
  const topics = new Set(article.topics);
  const entities = new Set(
    article.reading.flatMap((sentence) => sentence.entities.map((entity) => entity.name.toLowerCase())),
  );
  return catalog
    .all()
    .filter((other) => other.id !== article.id)
    .map((other) => {
      const sharedTopics = other.topics.filter((topic) => topics.has(topic)).length;
      const otherEntities = new Set(
        other.reading.flatMap((sentence) => sentence.entities.map((entity) => entity.name.toLowerCase())),
      );
      const sharedEntities = [...otherEntities].filter((name) => entities.has(name)).length;
      return { other, score: sharedTopics * 2 + sharedEntities };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || publishedMs(b.other) - publishedMs(a.other))
    .slice(0, limit)
    .map((entry) => entry.other);
}

/** One section of a brief, opened from the card's buttons. */
export function briefSection(
  catalog: ArticleCatalog,
  article: Article,
  section: BriefSection,
): NeutralMessage {
  const title: Block = {
    kind: 'title',
    text: t('brief-section-title', { section: sectionLabel(section), title: article.title }),
  };
  switch (section) {
    case 'takeaways':
      return message([title, { kind: 'list', items: article.takeaways }]);
    case 'comparison':
      return message([
        title,
        { kind: 'table', columns: article.comparison.columns, rows: article.comparison.rows },
      ]);
    case 'deep-dive':
      return message([title, ...article.deepDive.map((text): Block => ({ kind: 'text', text }))]);
    case 'implications':
      return message([
        title,
        ...article.implications.flatMap((implication): Block[] => [
          { kind: 'heading', text: implication.claim },
          { kind: 'text', text: implication.rationale },
        ]),
      ]);
    case 'timeline':
      return message([
        title,
        { kind: 'list', items: article.timeline.map((entry) => `${formatDate(entry.date)}: ${entry.event}`) },
        {
          kind: 'link',
          label: t('brief-original-source', { source: article.source.name }),
          url: article.source.url,
        },
      ]);
    case 'related': {
      const related = relatedArticles(catalog, article);
      if (related.length === 0) return message([title, { kind: 'text', text: t('brief-no-related') }]);
      return message(
        [
          title,
          { kind: 'list', items: related.map((other) => `${other.title}: ${other.hook}`), ordered: true },
        ],
        [
          related.map(
            (other, index): Button => ({
              kind: 'action',
              label: `${index + 1}. ${shortTitle(other.title)}`,
              payload: encodeAction({ type: 'brief', article: articleRef(other.id) }),
            }),
          ),
        ],
      );
    }
  }
}

/** Button labels stay well under Discord's 80 characters and fit a phone screen. */
export function shortTitle(title: string, max = 32): string {
  return clipText(title, max);
}

/** Where a page sits in a longer list. */
export interface PageInfo {
  page: number;
  pages: number;
  /** Items on a full page, where a list numbers its items on from earlier pages. */
  perPage?: number;
}

/** ◀ Previous / More ▶ for a paged list; nothing when everything fits on one page. */
function pageButtons({ page, pages }: PageInfo, turnTo: (page: number) => string): Button[][] {
  const row: Button[] = [];
  if (page > 0) row.push({ kind: 'action', label: t('page-previous'), payload: turnTo(page - 1) });
  if (page < pages - 1)
    row.push({ kind: 'action', label: t('page-more'), style: 'primary', payload: turnTo(page + 1) });
  return row.length > 0 ? [row] : [];
}

/** One page of the latest briefs (optionally on one topic) with a button to open each. */
export function newsList(
  articles: readonly Article[],
  now: number,
  topic: string | undefined,
  paging: PageInfo = { page: 0, pages: 1 },
): NeutralMessage {
  const heading = topic ? t('news-title-topic', { topic }) : t('news-title');
  const where = paging.pages > 1 ? t('page-of', { page: paging.page + 1, pages: paging.pages }) : '';
  // Numbers go on across pages, so a number on screen names one brief whichever page showed it.
  const first = paging.page * (paging.perPage ?? articles.length) + 1;
  return message(
    [
      { kind: 'title', text: heading },
      {
        kind: 'list',
        ordered: true,
        start: first,
        items: articles.map(
          (article) => `${article.title} (${formatAge(publishedMs(article), now)}): ${article.hook}`,
        ),
      },
      { kind: 'footer', text: t('news-footer', { where }) },
    ],
    [
      articles.map(
        (article, index): Button => ({
          kind: 'action',
          label: `${first + index}. ${shortTitle(article.title, 24)}`,
          payload: encodeAction({ type: 'brief', article: articleRef(article.id) }),
        }),
      ),
      ...pageButtons(paging, (page) =>
        encodeAction(topic === undefined ? { type: 'news', page } : { type: 'news', topic, page }),
      ),
    ],
  );
}

/** Topics per page: two rows of five buttons, the same topics the list shows. */
export const TOPICS_PAGE = 10;
/** Discord allows 5 buttons in a row. */
const BUTTONS_PER_ROW = 5;

export function topicsList(topics: readonly { topic: string; count: number }[], page = 0): NeutralMessage {
  const pages = Math.max(1, Math.ceil(topics.length / TOPICS_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = topics.slice(current * TOPICS_PAGE, (current + 1) * TOPICS_PAGE);
  const rows: Button[][] = [];
  for (let start = 0; start < shown.length; start += BUTTONS_PER_ROW) {
    rows.push(
      shown.slice(start, start + BUTTONS_PER_ROW).map(
        ({ topic }): Button => ({
          kind: 'action',
          label: `#${topic}`,
          payload: encodeAction({ type: 'news', topic }),
        }),
      ),
    );
  }
  const where = pages > 1 ? t('page-of', { page: current + 1, pages }) : '';
  return message(
    [
      {
        kind: 'title',
        text: pages > 1 ? t('topics-title-count', { count: topics.length }) : t('topics-title'),
      },
      {
        kind: 'list',
        items: shown.map(({ topic, count }) => t('topics-item', { topic, count })),
      },
      { kind: 'footer', text: t('topics-footer', { where }) },
    ],
    [...rows, ...pageButtons({ page: current, pages }, (to) => encodeAction({ type: 'topics', page: to }))],
  );
}
