language-name-en = 英语（English）
language-name-de = 德语（Deutsch）
language-name-zh-CN = 简体中文

language-current = 在这里我用{ $name }和你交流。
language-source-own = 这是你用 /language 选择的。
language-source-platform = 这是你的应用所设置的语言。
language-source-chat = 这是本聊天的语言。
language-source-default = 这是我的默认语言。
language-chat = 本聊天的语言（用于测验题目、排行榜和定时推送）是{ $name }。
language-available = 我会说：{ $list }。用 /language 加语言代码来选择，例如 /language de；/language auto 则重新跟随你的应用。
language-unknown = 我不会说 { $typed }。请从以下语言中选择：{ $list }。
language-set-own = 从现在起，我用{ $name }和你交流。
language-cleared-own = 你的选择已清除：我会跟随你应用的语言，否则跟随本聊天的语言。目前是{ $name }。
language-set-chat = 本聊天的语言现在是{ $name }：测验题目、排行榜和定时推送都将使用该语言。成员仍可用 /language 选择自己的语言。
language-cleared-chat = 本聊天的语言设置已清除；共享消息现在使用{ $name }。
language-as-chat = /language 用于设置个人的语言，而这条消息是以聊天的身份发送的。请用你自己的账号发送 /language。
