## /language: which language the bot speaks to a person and in a chat.

language-name-en = English
language-name-de = German (Deutsch)
language-name-zh-CN = Simplified Chinese (简体中文)
# A language in the list /language shows: its code, then its name.
language-entry-en = en (English)
language-entry-de = de (German, Deutsch)
language-entry-zh-CN = zh-CN (Simplified Chinese, 简体中文)

language-current = I speak { $name } with you here.
language-source-own = You chose it with /language.
language-source-platform = It is the language your app is set to.
language-source-chat = It is this chat's language.
language-source-default = It is my default language.
language-chat = This chat's language (for its quiz questions, standings and scheduled posts) is { $name }.
language-available = I speak: { $list }. Choose with /language and a code, e.g. /language de; /language auto follows your app again.
language-unknown = { $typed } is not a language I speak. Choose one of: { $list }.
language-set-own = From now on I speak { $name } with you.
language-cleared-own = Your choice is cleared: I follow your app's language, else the chat's. For now that is { $name }.
language-set-chat = This chat's language is now { $name }: its quiz questions, standings and scheduled posts come in it. Members can still choose their own with /language.
language-cleared-chat = This chat's choice is cleared; its shared messages are in { $name } now.
language-as-chat = /language sets a person's language, and this message was sent as a chat. Send /language from your own account.
