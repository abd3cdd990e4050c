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

news-unknown-topic = 没有 { $typed } 这个话题。现有话题：{ $topics }。
news-no-articles = 还没有文章。
article-none-yet = 还没有文章。请在内容文件夹中添加 Markdown 文件。
article-no-match = 没有与 { $typed } 匹配的文章。试试下面这些 ID，或用 /news 查看最新内容。
