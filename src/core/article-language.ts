// Which articles suit a reader's language: those written in it when there are any, else all of them.
import type { Article } from '../content/article-schema.ts';
import { currentLocale } from '../i18n/current-locale.ts';

/** An article's language; one that names none is English. */
export const articleLanguage = (article: Pick<Article, 'lang'>): string => article.lang ?? 'en';

const languageOf = (tag: string): string => {
  try {
    return new Intl.Locale(tag).language;
  } catch {
    return tag.toLowerCase();
  }
};

/** `articles` in the current language (the reader's, or the chat's for a post), or all when none is. */
export function preferLanguage<T extends Pick<Article, 'lang'>>(
  articles: readonly T[],
  locale = currentLocale(),
): T[] {
  const wanted = languageOf(locale);
  const own = articles.filter((article) => languageOf(articleLanguage(article)) === wanted);
  return own.length > 0 ? own : [...articles];
}
