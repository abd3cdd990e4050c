// Draft files for publish tests: an article in the library's format under _drafts/, with the header an
// import writes (its story keys), complete or with fields left for the author.
import { DRAFTS_FOLDER, KEYS_LINE } from '../../src/intake/imported-stories.ts';
import { articleMarkdown, writeArticle } from '../content/fixtures.ts';

export interface DraftOptions {
  /** The front matter's id (default: the file name). */
  id?: string;
  seed?: number;
  /** The story's keys, as the import header names them. */
  keys?: string[];
  /** Front-matter fields to set or replace; `undefined` removes one (an incomplete draft). */
  frontMatter?: Record<string, unknown>;
}

/** The text of a draft: a valid article unless `frontMatter` takes something out. */
export function draftMarkdown(name: string, options: DraftOptions = {}): string {
  const id = options.id ?? name;
  const text = articleMarkdown({
    seed: options.seed ?? 7,
    frontMatter: {
      id,
      title: `Draft ${id}`,
      source: { name: 'Example Wire', url: `https://example.org/stories/${id}` },
      ...options.frontMatter,
    },
  });
  const keys = options.keys ?? [`url:example.org/stories/${id}`, `item:example.org#${id}`];
  return text.replace(/^---\n/, `---\n# Draft imported for a test.\n${KEYS_LINE}${keys.join(' ')}\n`);
}

/** Writes `<dir>/_drafts/<name>.md`; returns its path. */
export const writeDraft = (dir: string, name: string, options: DraftOptions = {}) =>
  writeArticle(dir, `${DRAFTS_FOLDER}/${name}.md`, draftMarkdown(name, options));
