failure-apology = 抱歉，我们这边出了点问题。请稍后再试。
failure-store-down = 机器人暂时无法访问存储。请一分钟后再试。

discord-no-channel = 这只能在服务器频道或与机器人的私信中使用。
discord-posting-permissions = 查看频道、发送消息和嵌入链接
discord-permission-view-channel = 查看频道
discord-permission-send-messages = 发送消息
discord-permission-embed-links = 嵌入链接
discord-cannot-post = 我无法在这个频道发消息：我需要这里的以下权限：{ $permissions }。请让服务器管理员授予权限后再试。
discord-posted = 已发布到此频道。
discord-done = 完成。

telegram-open-private-chat = 这个只能在私聊里给你看。请先和我开一个私聊（点“开始”），然后再点一次按钮。
telegram-open-private-chat-command = 这个只能在私聊里给你看。请先和我开一个私聊（点“开始”），然后再发送一次命令。{ $link }
telegram-button-gone = 这个按钮在这里已失效。
telegram-sent-privately = 已在私聊中发给你。
telegram-welcome = 欢迎使用 { $bot }。我可以做这些：

playground-intro = newsquiz 试玩区：输入 /help、/brief、/read 或 /quiz；用数字选择操作；/as <名字> 以他人身份操作；Ctrl-D 退出。
playground-role-admin = 试玩聊天的管理员
playground-role-member = 试玩聊天的成员
playground-acting-as = 你正以 { $name }（{ $role }）的身份操作。输入 /as <名字> 可以在本聊天中以他人身份操作，例如 /as bob；/as { $admin } 切换回来。
playground-as-bad-name = /as 需要一个 1 到 32 个字符的名字，可包含字母、数字、空格、点、短横线或下划线，且以字母或数字开头，例如 /as bob
playground-member-note = {" "}成员不能使用 /subscribe 或 /unsubscribe；/as { $admin } 切换回来。
playground-now-acting = 现在以 { $name }（{ $role }）的身份操作。{ $back }
playground-pick-one = 请从 { $choices } 中选一个，或输入 /help。
playground-type-help = 输入 /help。
playground-no-choice = 屏幕上没有选项 { $number }。{ $pick }
playground-type-command = 请输入 /brief 或 /help 之类的命令，或某个选项的数字。

wording-neutral-private-place = 与我的私聊
wording-neutral-reach-privately = 请确保我能给你发私信
wording-neutral-link-elsewhere = 我所在的另一个平台
wording-discord-private-place = 与我的私信
wording-discord-reach-privately = 请允许来自本服务器成员的私信（或与我开启私信）
wording-discord-link-elsewhere = Telegram
wording-telegram-private-place = 与我的私聊
wording-telegram-reach-privately = Telegram 只允许机器人给已与它开始聊天的人发消息：请和我开一个聊天，点“开始”
wording-telegram-link-elsewhere = Discord
wording-console-private-place = 试玩区
wording-console-reach-privately = 提醒到期时请保持试玩区运行
wording-console-link-elsewhere = Discord 或 Telegram

delivery-chat-gone = 我已无法在这个聊天中发消息
delivery-blocked = 我被屏蔽了
delivery-removed = 我已被移出聊天
delivery-chat-not-found = 这个聊天已不存在
delivery-no-permission = 我没有在那里发消息的权限
delivery-dms-closed = 来自我的私信已被关闭
delivery-no-private-chat = 尚未与我开始私聊
delivery-rejected = 平台拒收了这条消息
delivery-unavailable = 无法连接到平台
delivery-error = 我们这边出了故障
