## Briefs, /news and /topics.

brief-section-takeaways = Key takeaways
brief-section-comparison = Comparison
brief-section-deep-dive = Deep dive
brief-section-implications = Implications
brief-section-timeline = Timeline
brief-section-related = Related
brief-section-title = { $section } · { $title }
brief-read = Read
brief-quiz = Quiz
brief-source = Source
brief-what-changed = What changed
brief-why-it-matters = Why it matters
brief-what-to-do-next = What to do next
brief-who-should-care = Who should care
brief-original-source = Original source: { $source }
brief-no-related = No related articles yet.

# Before a list's footer when it has several pages; ends with a space.
page-of = Page { $page } of { $pages }.{" "}
page-previous = ◀ Previous
page-more = More ▶

news-title = Latest briefs
news-title-topic = Latest briefs on #{ $topic }
news-footer = { $where }Open a brief below, or use /brief with an id or words of a title.
topics-title = Topics
topics-title-count = Topics ({ $count })
topics-item = #{ $topic }: { $count } { $count ->
    [one] article
   *[other] articles
  }
topics-footer = { $where }Tap a topic, or use /news <topic>.
