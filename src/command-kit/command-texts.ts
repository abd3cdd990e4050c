// A command's words in the reader's language: its description, its options' descriptions and labels, and
// what a good value for an option is (src/i18n/locales/*/commands.ftl; English equals the definitions).
import { t } from '../i18n/current-locale.ts';
import type { Locale } from '../i18n/locales.ts';
import { hasMessage, translate } from '../i18n/translate.ts';
import type { AnyCommand } from './define-command.ts';
import type { OptionSpec } from './option-spec.ts';

export const commandMessageId = (command: AnyCommand, spec?: OptionSpec, part?: 'expected' | 'label') =>
  ['cmd', command.name, ...(spec ? [spec.name] : []), ...(part ? [part] : [])].join('-');

export const commandDescription = (command: AnyCommand): string => t(commandMessageId(command));

export const optionExpected = (command: AnyCommand, spec: OptionSpec): string =>
  t(commandMessageId(command, spec, 'expected'));

/**
 * What an option is called where usage lines and replies name it (`[Artikel]`, `Modus ist …`); English
 * calls it by its name. The name itself stays what `name:value` takes.
 */
export const optionLabel = (command: AnyCommand, spec: OptionSpec): string => {
  const id = commandMessageId(command, spec, 'label');
  return hasMessage(id) ? t(id) : spec.name;
};

/** A description in a given language, for the platforms' localized command lists. */
export const descriptionIn = (locale: Locale, command: AnyCommand, spec?: OptionSpec): string =>
  translate(locale, commandMessageId(command, spec));
