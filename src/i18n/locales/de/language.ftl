language-name-en = Englisch (English)
language-name-de = Deutsch
language-name-zh-CN = Vereinfachtes Chinesisch (简体中文)
