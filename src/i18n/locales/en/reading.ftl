## Reading mode, and finding articles.

reading-title = Reading · { $title }
reading-focus = Focus sentence { $step } of { $total }
reading-back = ◀ Back
reading-next = Next ▶
reading-finish = Finish ▶
reading-end-title = End of article · { $title }
reading-end-read = You read { $count } focus { $count ->
    [one] sentence
   *[other] sentences
  }.
reading-end-challenge = Challenge mode: { $count } comprehension questions on what you just read.
reading-take-challenge = Take the challenge
reading-challenge-chat = Challenge the chat

# The kind of an entity a focus sentence is tagged with, shown beside its name.
entity-type-org = org
entity-type-tech = tech
entity-type-location = location
entity-type-concept = concept
entity-type-person = person
entity-type-event = event

news-unknown-topic = There is no topic { $typed }. Topics: { $topics }.
news-no-articles = There are no articles yet.
article-none-yet = There are no articles yet. Add Markdown files to the content folder.
article-no-match = No article matches { $typed }. Try one of these ids, or /news for the latest.
