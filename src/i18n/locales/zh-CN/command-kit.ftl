list-comma = 、
list-or = { $init } 或 { $last }

help-title = newsquiz：新闻速览与阅读测验
help-intro = 先读一篇 30 秒速览，逐句浏览重点，再考考自己或整个聊天。
help-item = { $usage }：{ $description }
help-footer = <…> 为必填，[…] 为选填，a|b 列出可选值。文章可以用 ID 或标题中的词指定；含空格的值请加引号：/quiz "deepseek delay" group。

command-unknown-try = 没有 /{ $name } 这个命令。试试这些：{ $names }。
command-unknown = 没有 /{ $name } 这个命令。
command-admins-only = 只有本聊天的管理员可以使用 /{ $name }。
command-personal-as-chat = /{ $name } 会私下回复个人，而这条消息是以聊天的身份发送的（匿名管理员、频道，或以频道身份发言的成员），它没有和我的私聊。请用你自己的账号发送 /{ $name }。

option-unreadable = /{ $name } 无法读取它的选项。用法：{ $usage }
option-missing = /{ $name } 需要{ $expected }，例如 { $example }
option-not-a-choice = /{ $name }：{ $option }应为 { $choices }，而不是 { $typed }，例如 { $example }
option-too-long = /{ $name }：{ $option }最多 { $max } 个字符（你输入了 { $length } 个），例如 { $example }
option-did-you-mean = /{ $name }：{ $option }应为{ $expected }，而不是 { $typed }（你是想输入 { $meant } 吗？），例如 { $example }
option-invalid = /{ $name }：{ $option }应为{ $expected }，而不是 { $typed }，例如 { $example }
option-extra-words = /{ $name } 不接受 { $typed }。用法：{ $usage }

recap-nothing = 没有可回顾的内容：过去 7 天没有文章，本周这里也没有人答题。用 /news 看看最新内容，或开始一个 /quiz。
streak-not-a-weekday = { $typed } 不是星期几。请写出你休息的日子，例如 /streak rest 周六,周日（或 /streak rest none）。
streak-rest-set = 你的休息日现在是{ $days }。
streak-rest-cleared = 你现在没有休息日了。
timezone-own = 你的每一天从{ $zone }的午夜开始，这是用 /timezone 设置的。可用 /timezone 加城市或时区来更改，例如 /timezone Tokyo。
timezone-default = 你的每一天从{ $zone }的午夜开始，这是机器人的默认时区：你还没有设置自己的时区。用 /timezone 加城市或时区来设置，例如 /timezone Berlin。
timezone-set = 你的每一天现在从{ $zone }的午夜开始。
