// The message files checked as data: every id the code uses exists, every id exists in every locale,
// none is left unused, translations use the source's arguments, and every message fits the platforms.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commands } from '../../commands/index.ts';
import { commandMessageId } from '../../src/command-kit/command-texts.ts';
import { postKinds } from '../../src/core/post-kinds/index.ts';
import { LOCALES, SOURCE_LOCALE } from '../../src/i18n/locales.ts';
import { translate } from '../../src/i18n/translate.ts';
import { allCatalogs } from './message-catalog.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const catalogs = allCatalogs();
const source = catalogs.get(SOURCE_LOCALE) ?? new Map();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}
/** The code without its comments (which quote calls as examples). */
const code = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'commands'))].map((path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
    .join('\n'),
);
/** Every quoted word with dashes: an id passed on (`t(right ? 'a' : 'b')`) counts as used. */
const quoted = new Set(
  code.flatMap((text) =>
    [...text.matchAll(/'([a-z][a-z0-9]*(?:-[a-zA-Z0-9]+)+)'/g)].map((match) => match[1] ?? ''),
  ),
);
/** Ids written out in calls: t('quiz-stop'), translate(locale, 'x'), kindLabel(…) aside. */
const literalIds = new Set(
  code.flatMap((text) => [...text.matchAll(/\bt\(\s*'([a-z0-9-]+)'/g)].map((match) => match[1] ?? '')),
);
/** Ids a call makes from a prefix and a value: t(`brief-section-${section}`). */
const calledPrefixes = code.flatMap((text) =>
  [...text.matchAll(/\bt\(\s*`([a-z0-9-]+)-\$\{/g)].map((match) => `${match[1]}-`),
);
/** Any id made from a prefix and a value, passed on or called: `choice-${value}`. */
const idPrefixes = code.flatMap((text) =>
  [...text.matchAll(/`([a-z][a-z0-9]*(?:-[a-z0-9]+)*)-\$\{/g)].map((match) => `${match[1]}-`),
);
const commandIds = new Set(
  commands.flatMap((command) => [
    commandMessageId(command),
    ...command.specs.flatMap((spec) => [
      commandMessageId(command, spec),
      commandMessageId(command, spec, 'expected'),
      commandMessageId(command, spec, 'label'),
    ]),
  ]),
);
const kindIds = new Set(
  postKinds.all.flatMap((kind) => Object.keys(kind.labels).map((key) => `post-kind-${kind.name}-${key}`)),
);

test('every id the code names exists in English', () => {
  const missing = [...literalIds].filter((id) => !source.has(id));
  expect(missing).toEqual([]);
  for (const prefix of calledPrefixes) {
    expect(
      [...source.keys()].some((id) => id.startsWith(prefix)),
      `some message ${prefix}…`,
    ).toBe(true);
  }
});

test('no English message is left unused', () => {
  const used = (id: string) =>
    quoted.has(id) ||
    literalIds.has(id) ||
    commandIds.has(id) ||
    kindIds.has(id) ||
    idPrefixes.some((prefix) => id.startsWith(prefix));
  expect([...source.keys()].filter((id) => !used(id))).toEqual([]);
});

test('commands.ftl and the post kinds’ English words equal their definitions', () => {
  for (const command of commands) {
    expect(translate('en', commandMessageId(command))).toBe(command.description);
    for (const spec of command.specs) {
      expect(translate('en', commandMessageId(command, spec))).toBe(spec.description);
      expect(translate('en', commandMessageId(command, spec, 'expected'))).toBe(spec.expected);
      expect(translate('en', commandMessageId(command, spec, 'label'))).toBe(spec.name);
    }
  }
  for (const kind of postKinds.all) {
    for (const [key, text] of Object.entries(kind.labels)) {
      expect(translate('en', `post-kind-${kind.name}-${key}`)).toBe(text);
    }
  }
});

describe.each(LOCALES.filter((locale) => locale !== SOURCE_LOCALE))('%s', (locale) => {
  const catalog = catalogs.get(locale) ?? new Map();

  test('an option problem names the option once: not `Zeitzone sollte eine Zeitzone: …`', () => {
    const repeating: string[] = [];
    for (const command of commands) {
      // A choice's problem lists its values (option-not-a-choice); the others say what is expected.
      for (const spec of command.specs.filter((entry) => !entry.choices)) {
        const label = translate(locale, commandMessageId(command, spec, 'label'));
        const expected = translate(locale, commandMessageId(command, spec, 'expected'));
        const problem = translate(locale, 'option-invalid', {
          name: command.name,
          option: label,
          expected,
          typed: '"x"',
          example: `/${command.name}`,
        });
        const said = expected.replace(/^(a|an|ein|eine|einen)\s+/i, '').toLowerCase();
        if (said.startsWith(label.toLowerCase())) repeating.push(problem);
      }
    }
    expect(repeating).toEqual([]);
  });

  test('has every English message, and none that English lacks', () => {
    expect([...source.keys()].filter((id) => !catalog.has(id))).toEqual([]);
    expect([...catalog.keys()].filter((id) => !source.has(id))).toEqual([]);
  });

  test('uses the arguments the English message gets (a plural count may go unsaid)', () => {
    const differing: string[] = [];
    for (const [id, message] of catalog) {
      const english = source.get(id)?.variables ?? new Set<string>();
      const extra = [...message.variables].filter((name) => !english.has(name));
      const dropped = [...english].filter((name) => !message.variables.has(name) && name !== 'count');
      if (extra.length > 0 || dropped.length > 0)
        differing.push(`${id}: +${extra.join(',')} -${dropped.join(',')}`);
    }
    expect(differing).toEqual([]);
  });
});

/** The platforms' limits a message must keep, by where it shows (see /work/shared/platform-limits.md). */
const BUTTON_LABEL = 80;
const COMMAND_DESCRIPTION = 100;
/** A Discord modal's title and its text field's label. */
const MODAL_TEXT = 45;
/** A Telegram toast (answerCallbackQuery). */
const TOAST = 200;
const MESSAGE = 2000;

const BUTTONS = [
  /^brief-(read|quiz|source|section-[a-z-]+)$/,
  /^page-(previous|more)$/,
  /^reading-(back|next|finish|take-challenge|challenge-chat)$/,
  /^quiz-(next-question|stop|review-missed|play-again|read-article|leaderboard)$/,
  /^review-(next-button|read-next|quiz-on-it)$/,
  /^report-(button|reason-[a-z-]+|without-note)$/,
  /^unlink-button$/,
  /^reminder-(start-review|latest-news)$/,
  /^progress-take-quiz$/,
  /^board-(all-time|this-week)$/,
];
const TOASTS = [
  /^quiz-error-/,
  /^quiz-group-(correct|wrong)$/,
  /^action-/,
  /^report-(too-old|not-answered|question-gone|note-gone)$/,
  /^telegram-(button-gone|sent-privately|open-private-chat)$/,
  /^failure-/,
];
const limitOf = (id: string): number => {
  if (id.startsWith('cmd-') && !id.endsWith('-expected')) return COMMAND_DESCRIPTION;
  if (id === 'report-other-title' || id === 'report-note-label') return MODAL_TEXT;
  if (BUTTONS.some((pattern) => pattern.test(id))) return BUTTON_LABEL;
  if (TOASTS.some((pattern) => pattern.test(id))) return TOAST;
  return MESSAGE;
};
/** Long enough stand-ins for what the code passes: a name, a number, a title. */
const sampleArgs = (variables: Set<string>) =>
  Object.fromEntries(
    [...variables].map((name) => [
      name,
      /count|max|per|left|length|seconds|minutes|score|total|right|answered|asked|position|step|page|pages|best|value|number|day|first|last/.test(
        name,
      )
        ? 12
        : 'Sample text',
    ]),
  );

test.each([...LOCALES])('every %s message fits where it shows', (locale) => {
  const tooLong: string[] = [];
  for (const [id, message] of source) {
    const text = translate(locale, id, sampleArgs(message.variables));
    if (text.length > limitOf(id)) tooLong.push(`${id}: ${text.length} > ${limitOf(id)}`);
  }
  expect(tooLong).toEqual([]);
});
