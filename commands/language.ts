// /language [code|auto]: the language the bot speaks to you, or in a group (admins) to the whole chat.

import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { echoTyped } from '../src/core/clip-text.ts';
import { message, reply } from '../src/core/output.ts';
import { USER_ERRORS, UserError } from '../src/core/user-error.ts';
import { inLocale, t } from '../src/i18n/current-locale.ts';
import { LOCALES, type Locale, matchLocale } from '../src/i18n/locales.ts';
import { hasMessage } from '../src/i18n/translate.ts';

/**
 * Every language the bot speaks, as `de (German, Deutsch)`, in the current language; a locale made
 * only for tests (the pseudo-locale) goes by its code.
 */
const available = () =>
  LOCALES.map((locale) =>
    hasMessage(`language-entry-${locale}`) ? t(`language-entry-${locale}`) : locale,
  ).join(t('list-comma'));
/** A language's name; a locale made only for tests (the pseudo-locale) goes by its code. */
const nameOf = (locale: Locale) =>
  hasMessage(`language-name-${locale}`) ? t(`language-name-${locale}`) : locale;

export default defineCommand({
  name: 'language',
  description: 'The language I speak to you, or in a group (admins) to everyone: en, de, zh-CN or auto',
  options: z.object({
    language: z
      .string()
      .trim()
      .max(40)
      .optional()
      .describe('A language code such as de or zh-CN, or auto to follow your app')
      .meta({ expected: 'a language code such as de or zh-CN, or auto', example: 'de' }),
  }),
  async run(ctx, { language }) {
    const { actor, core } = ctx;
    const inGroup = actor.chatKind !== 'private';
    if (language === undefined) {
      const state = await core.languages.state(actor);
      const lines = [
        t('language-current', { name: nameOf(state.locale) }),
        t(`language-source-${state.source}`),
        ...(inGroup
          ? [t('language-chat', { name: nameOf(state.chat ?? actor.chatLocale ?? state.locale) })]
          : []),
        t('language-available', { list: available() }),
      ];
      return reply(message([{ kind: 'text', text: lines.join('\n') }]), { to: 'private' });
    }
    const auto = language.toLowerCase() === 'auto';
    const locale = auto ? null : matchLocale(language);
    if (locale === undefined) {
      throw new UserError(
        USER_ERRORS.badOption,
        t('language-unknown', { typed: echoTyped(language), list: available() }),
      );
    }
    // In a group or channel an admin sets the chat's language; anyone else their own.
    const forChat = inGroup && (await ctx.canManageChat());
    if (forChat) {
      await core.languages.chooseForChat(actor, locale);
      const now = await core.languages.chatLocale(actor.platform, actor.chatId);
      const text = inLocale(now, () =>
        locale === null
          ? t('language-cleared-chat', { name: nameOf(now) })
          : t('language-set-chat', { name: nameOf(now) }),
      );
      return reply(message([{ kind: 'text', text }]));
    }
    if (actor.asChat) throw new UserError(USER_ERRORS.notAllowed, t('language-as-chat'));
    await core.languages.chooseOwn(actor, locale);
    const now = (await core.languages.resolve(actor)).locale;
    const text = inLocale(now, () =>
      locale === null
        ? t('language-cleared-own', { name: nameOf(now) })
        : t('language-set-own', { name: nameOf(now) }),
    );
    return reply(message([{ kind: 'text', text }]), { to: 'private' });
  },
});
