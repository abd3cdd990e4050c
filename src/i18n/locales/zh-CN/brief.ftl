brief-section-takeaways = 要点
brief-section-comparison = 对比
brief-section-deep-dive = 深度解读
brief-section-implications = 影响
brief-section-timeline = 时间线
brief-section-related = 相关文章
brief-section-title = { $section } · { $title }
brief-read = 阅读
brief-quiz = 测验
brief-source = 来源
brief-what-changed = 发生了什么
brief-why-it-matters = 为什么重要
brief-what-to-do-next = 接下来可以做什么
brief-who-should-care = 适合谁关注
brief-original-source = 原始来源：{ $source }
brief-no-related = 暂无相关文章。

page-of = 第 { $page }/{ $pages } 页。
page-previous = ◀ 上一页
page-more = 更多 ▶

news-title = 最新速览
news-title-topic = #{ $topic } 最新速览
news-footer = { $where }点击下方按钮打开速览，或用 /brief 加文章 ID 或标题中的词。
topics-title = 话题
topics-title-count = 话题（{ $count }）
topics-item = #{ $topic }：{ $count }篇文章
topics-footer = { $where }点一个话题，或使用 /news <话题>。
