reading-title = 阅读 · { $title }
reading-focus = 重点句 { $step }/{ $total }
reading-back = ◀ 返回
reading-next = 下一句 ▶
reading-finish = 读完 ▶
reading-end-title = 文章结束 · { $title }
reading-end-read = 你读完了{ $count }个重点句。
reading-end-challenge = 挑战模式：就你刚读的内容回答{ $count }道理解题。
reading-take-challenge = 接受挑战
reading-challenge-chat = 挑战整个聊天

# The kind of an entity a focus sentence is tagged with, shown beside its name.
entity-type-org = 机构
entity-type-tech = 技术
entity-type-location = 地点
entity-type-concept = 概念
entity-type-person = 人物
entity-type-event = 事件

news-unknown-topic = 没有 { $typed } 这个话题。现有话题：{ $topics }。
news-no-articles = 还没有文章。
article-none-yet = 还没有文章。请在内容文件夹中添加 Markdown 文件。
article-no-match = 没有与 { $typed } 匹配的文章。试试下面这些 ID，或用 /news 查看最新内容。
