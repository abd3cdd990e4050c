// A command's words in the reader's language: its description, its options' descriptions, and what a
// good value for an option is (src/i18n/locales/*/commands.ftl; English equals the definitions).
import { t } from '../i18n/current-locale.ts';
import type { Locale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';
import type { AnyCommand } from './define-command.ts';
import type { OptionSpec } from './option-spec.ts';

export const commandMessageId = (command: AnyCommand, spec?: OptionSpec, part?: 'expected') =>
  ['cmd', command.name, ...(spec ? [spec.name] : []), ...(part ? [part] : [])].join('-');

export const commandDescription = (command: AnyCommand): string => t(commandMessageId(command));

export const optionExpected = (command: AnyCommand, spec: OptionSpec): string =>
  t(commandMessageId(command, spec, 'expected'));

/** A description in a given language, for the platforms' localized command lists. */
export const descriptionIn = (locale: Locale, command: AnyCommand, spec?: OptionSpec): string =>
  translate(locale, commandMessageId(command, spec));
