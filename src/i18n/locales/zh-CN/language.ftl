language-name-en = 英语（English）
language-name-de = 德语（Deutsch）
language-name-zh-CN = 简体中文
