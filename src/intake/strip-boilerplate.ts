// Removes what is not the story from a page before Readability reads it: navigation, ads, share bars,
// related links, comments, cookie banners, newsletters, hidden text, forms and scripts.
import type { DomDocument, DomElement } from './parsed-dom.ts';
import { NON_TEXT_ELEMENTS } from './plain-text.ts';

const BOILERPLATE_ELEMENTS =
  'nav, header, footer, aside, form, button, dialog, menu, select, textarea, input, label, [hidden], [aria-hidden="true"]';
const BOILERPLATE_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'dialog',
  'alertdialog',
  'menu',
  'menubar',
  'toolbar',
  'alert',
]);
/** Words in a class, id or data-* name that mark page furniture (matched as whole words: `share-bar`, `adSlot`). */
const BOILERPLATE_WORDS = new Set([
  'ad',
  'ads',
  'adslot',
  'advert',
  'adverts',
  'advertisement',
  'advertising',
  'adsbygoogle',
  'sponsor',
  'sponsored',
  'promo',
  'promoted',
  'promotion',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'share',
  'sharing',
  'sharebar',
  'social',
  'related',
  'recommended',
  'recirculation',
  'more',
  'comments',
  'comment',
  'newsletter',
  'signup',
  'subscribe',
  'subscription',
  'paywall',
  'popup',
  'modal',
  'breadcrumb',
  'breadcrumbs',
  'navigation',
  'navbar',
  'menu',
  'sidebar',
  'footer',
  'masthead',
  'toolbar',
  'outbrain',
  'taboola',
  'byline',
  'tags',
  'trending',
  'popular',
]);
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** The story's own containers: never removed, nor anything holding them (a `has-cookie-banner` wrapper). */
const STORY = 'main, article, [itemprop="articleBody"], h1';

function words(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isFurniture(element: DomElement): boolean {
  const role = element.getAttribute('role');
  if (role && BOILERPLATE_ROLES.has(role.toLowerCase())) return true;
  if (HIDDEN_STYLE.test(element.getAttribute('style') ?? '')) return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''} ${element.getAttribute('data-component') ?? ''}`;
  return words(names).some((word) => BOILERPLATE_WORDS.has(word));
}

const holdsStory = (element: DomElement) =>
  ['MAIN', 'ARTICLE', 'BODY', 'HTML', 'H1'].includes(element.tagName.toUpperCase()) ||
  element.querySelector(STORY) !== null;

export function stripBoilerplate(document: DomDocument): void {
  for (const element of [...document.querySelectorAll(NON_TEXT_ELEMENTS)]) element.remove();
  for (const element of [...document.querySelectorAll(BOILERPLATE_ELEMENTS)]) {
    // A <header> inside the article holds its headline: keep what holds the story.
    if (!holdsStory(element)) element.remove();
  }
  for (const element of [...document.querySelectorAll('[class], [id], [role], [style], [data-component]')]) {
    if (isFurniture(element) && !holdsStory(element)) element.remove();
  }
}
