// The text of a new article file: every field and section, with a comment saying what each is for.
import { CONTENT_LIMITS, ENTITY_TYPES } from './article-schema.ts';
import { MIN_GENERATED_QUIZ, QUIZ_LENGTH } from './generate-questions.ts';
import { skipReason } from './load-content.ts';

const MAX_ID = 64;

/** A slug id from a title: `Harbor City's new bridge!` → `harbor-city-s-new-bridge`; empty when nothing is left. */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_ID) return slug;
  const cut = slug.slice(0, MAX_ID + 1);
  const end = cut.lastIndexOf('-');
  return (end > 0 ? cut.slice(0, end) : slug.slice(0, MAX_ID)).replace(/-+$/, '');
}

/** Names Windows refuses for a file, whatever follows the dot. */
const RESERVED_NAME = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * The id (and file name) of a new article from its title, with a line saying why when it is not the
 * title's slug: a name the loader would skip (README), one Windows refuses (CON), or no usable letters.
 */
export function newArticleId(title: string, today: Date): { id: string; note?: string } {
  const slug = slugFromTitle(title);
  if (slug === '') {
    const id = `article-${utcDay(today).replaceAll('-', '')}`;
    return {
      id,
      note: `The title has no letters or digits a file name can use (a–z, 0–9), so the file is named ${id}.md; rename the file and its id together if you like.`,
    };
  }
  const renamed = `${slug.slice(0, MAX_ID - '-article'.length).replace(/-+$/, '')}-article`;
  const skipped = skipReason(`${slug}.md`);
  if (skipped) {
    return {
      id: renamed,
      note: `${slug}.md would be skipped: ${skipped}. The file is named ${renamed}.md instead.`,
    };
  }
  if (RESERVED_NAME.test(slug)) {
    return {
      id: renamed,
      note: `${slug}.md cannot be a file name on Windows (${slug.toUpperCase()} is reserved there), so the file is named ${renamed}.md instead.`,
    };
  }
  return { id: slug };
}

/** `YYYY-MM-DD` of a moment in UTC, as `published` takes it. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * A new article with `id`, `title` and today's date filled in. Every other field is empty, so
 * content:check lists what is left to write until the article is complete.
 */
export function articleTemplate(id: string, title: string, today: Date): string {
  const day = utcDay(today);
  return `---
# A slug unique across the content folder: lower-case letters, digits and single hyphens, at most 64.
id: ${id}
# The headline, at most ${CONTENT_LIMITS.title} characters.
title: ${JSON.stringify(title)}
# The original story: who published it (at most ${CONTENT_LIMITS.sourceName} characters) and a public http(s) link to it.
source:
  name: ""
  url: ""
# When readers may see it: a day (midnight UTC) or a moment such as ${day}T08:30:00Z. A future moment schedules it.
published: ${day}
# 1–${CONTENT_LIMITS.topics} lower-case topic slugs such as ai or open-source, used by /news <topic> and subscriptions.
topics: []
# Who should care: 1–${CONTENT_LIMITS.audience} entries of at most ${CONTENT_LIMITS.audienceEntry} characters, e.g. [City engineers, IoT developers].
audience: []
# Optional: a public http(s) link to an illustration.
# image: https://example.org/picture.png
# One line that makes a reader open the brief, at most ${CONTENT_LIMITS.hook} characters.
hook: ""
# The 30-second TL;DR on the card, at most ${CONTENT_LIMITS.line} characters each.
tldr:
  whatChanged: ""
  whyItMatters: ""
  whatToDoNext: ""
# 1–${CONTENT_LIMITS.takeaways} key takeaways, at most ${CONTENT_LIMITS.paragraph} characters each.
takeaways:
  - ""
# A small table: 2–${CONTENT_LIMITS.tableColumns} columns, 1–${CONTENT_LIMITS.tableRows} rows as wide as the columns, cells of at most ${CONTENT_LIMITS.tableCell} characters.
comparison:
  columns: ["", ""]
  rows:
    - ["", ""]
# 1–${CONTENT_LIMITS.deepDive} technical paragraphs, at most ${CONTENT_LIMITS.paragraph} characters each.
deepDive:
  - ""
# 1–${CONTENT_LIMITS.implications} claims (at most ${CONTENT_LIMITS.line} characters), each with its rationale (at most ${CONTENT_LIMITS.paragraph}).
implications:
  - claim: ""
    rationale: ""
# 1–${CONTENT_LIMITS.timeline} events, oldest first; a date is a month (${day.slice(0, 7)}) or a day (${day}).
timeline:
  - date: ${day.slice(0, 7)}
    event: ""
---

## Reading
<!-- Reading: 1–${CONTENT_LIMITS.reading} focus sentences, one numbered item each, at most ${CONTENT_LIMITS.focusSentence} characters. -->
<!-- Tag a sentence on the indented line below it with code spans of kind: Name (kinds: ${ENTITY_TYPES.join(', ')}). -->
<!-- A tagged name that appears in its sentence can become a generated question "from the text". -->
<!-- 1. DeepSeek has pushed the release of its V4 model into 2026. -->
<!--    \`org: DeepSeek\` \`tech: V4 model\` -->

## Questions
<!-- Questions are optional: up to ${QUIZ_LENGTH} are asked, written ones first, and generated ones fill the rest. -->
<!-- Without written questions the focus sentences must give at least ${MIN_GENERATED_QUIZ} generated ones. -->
<!-- A question is a ### prompt, 2–${CONTENT_LIMITS.maxChoices} choices ("- [x]" marks the correct one) and a "> " explanation: -->
<!-- ### Why was the release delayed? -->
<!-- - [ ] A shortage of engineers -->
<!-- - [x] Moving training onto domestic chips took longer than planned -->
<!-- > The article ties the delay to moving training onto Huawei's Ascend chips. -->
`;
}
