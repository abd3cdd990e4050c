## /language: which language the bot speaks to a person and in a chat.

language-name-en = English
language-name-de = German (Deutsch)
language-name-zh-CN = Simplified Chinese (简体中文)
