// The news list, one page at a time: the /news command and the news buttons both show it from here.

import { t } from '../i18n/current-locale.ts';
import { preferLanguage } from './article-language.ts';
import { echoTyped } from './clip-text.ts';
import type { CoreServices } from './core-services.ts';
import { message, type Response, reply, type Target } from './output.ts';
import { newsList } from './present-brief.ts';
import { USER_ERRORS, UserError } from './user-error.ts';

/** Briefs per page: one row of buttons. */
export const NEWS_PAGE = 5;

/** Page `page` (from 0, clamped to the last) of the latest briefs, optionally on one topic. */
export function showNews(
  core: Pick<CoreServices, 'catalog' | 'clock'>,
  topic: string | undefined,
  page: number,
  target: Target,
): Response {
  const catalog = core.catalog();
  const wanted = topic?.trim().toLowerCase().replace(/^#/, '') || undefined;
  if (wanted && !catalog.topics().some((entry) => entry.topic === wanted)) {
    const known = catalog.topics().map((entry) => entry.topic);
    throw new UserError(
      USER_ERRORS.unknownTopic,
      t('news-unknown-topic', { typed: echoTyped(wanted), topics: known.join(', ') }),
    );
  }
  // The reader's language first: only its articles when there are any.
  const articles = preferLanguage(
    catalog.all().filter((article) => !wanted || article.topics.includes(wanted)),
  );
  if (articles.length === 0) return reply(message([{ kind: 'text', text: t('news-no-articles') }]), target);
  const pages = Math.ceil(articles.length / NEWS_PAGE);
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = articles.slice(current * NEWS_PAGE, (current + 1) * NEWS_PAGE);
  return reply(
    newsList(shown, core.clock.now(), wanted, { page: current, pages, perPage: NEWS_PAGE }),
    target,
  );
}
