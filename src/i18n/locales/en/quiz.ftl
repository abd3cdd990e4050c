## Quiz rounds: questions, answers, closes and summaries.

quiz-all-finished = You have answered every question of every article, so here is the newest one again.

quiz-heading = { $occasion }Question { $position } of { $total }{ $suffix } · { $title }
quiz-review-heading = Review { $asked } of { $total }{ $suffix } · { $title }
quiz-occasion = { $kind } ·{" "}
quiz-closed-suffix = {" "}· closed
quiz-generated = From the text · { $footer }
quiz-footer-group = Everyone can answer · { $seconds } s per question · { $count } answered
quiz-footer-review = Review · a question you missed before · pick one answer
quiz-footer-solo = Solo quiz · pick one answer
quiz-moved-copy = This copy is no longer live: the question continues in a newer message.
quiz-score-footer = Score { $score }/{ $answered }
quiz-next-question = Next question ▶
quiz-stop = Stop quiz
quiz-names-and-more = { $names } and { $count } more
quiz-answer = Answer
quiz-got-it = Got it ({ $right } of { $total })
quiz-nobody = nobody this time
quiz-score = Score
quiz-kind = Quiz
quiz-summary-complete = { $kind } complete · { $title }
quiz-summary-stopped = { $kind } stopped · { $title }
quiz-score-value = { $score } of { $total }
quiz-time = Time
quiz-players = Players
quiz-final-standings = Final standings
quiz-review-missed = Review { $count } missed { $count ->
    [one] question
   *[other] questions
  }
quiz-play-again = Play again
quiz-read-article = Read the article
quiz-leaderboard = Leaderboard

quiz-error-not-found = This quiz is no longer available. Start a new one with /quiz.
quiz-error-ended = This quiz has ended. Start a new one with /quiz.
quiz-error-closed = Time is up for this question; answers are closed.
quiz-error-already-answered = You already answered this question; your first answer counts.
quiz-error-not-yours = This is someone else’s quiz. Start your own with /quiz.
quiz-error-wrong-chat = That button belongs to a quiz in another chat.
quiz-error-article-removed = The article behind this quiz was removed. Start a new quiz with /quiz.
quiz-error-group-running = A group quiz is already running in this chat. Answer it, or wait for it to end.
quiz-error-stale-copy = That button belongs to another copy of this quiz; use the newest one.
quiz-error-nothing-to-stop = No quiz is running here. Start one with /quiz.
quiz-error-moved-past = You have already moved past this question.
quiz-error-card-not-answered = Answer this card first, then move on.
quiz-error-next-card-pending = The next card is on its way; press again in a moment.
quiz-error-bad-button = That button does not match this quiz.
quiz-error-bad-button-start = That button does not match this quiz. Start a new one with /quiz.
quiz-error-bad-question-button = That button does not match this question.
quiz-error-group-just-started = A group quiz has just started in this chat. Join that one.

quiz-answer-moved = This question continues in a newer message. Answer there.
quiz-group-correct = ✅ Correct. The full answer is shown when time is up.
quiz-group-wrong = ❌ Not quite. The answer is shown when time is up.
quiz-solo-correct = ✅ Correct. { $explanation }
quiz-solo-wrong = ❌ Not quite: the answer is “{ $answer }”. { $explanation }
quiz-quiet-stop = Nobody answered two questions in a row, so the quiz stopped here.
quiz-stopped-solo = You stopped this quiz before its last question.
quiz-stopped-by = { $name } stopped the quiz before its last question.
quiz-stopped = Quiz stopped.
quiz-earlier-ended = Your earlier quiz on “{ $title }” has ended; its answers still count.
quiz-stop-not-allowed = Only whoever started this quiz, or a chat admin, can stop it. Everyone else can just stop answering.

review-still-due = { $count } { $count ->
    [one] card is
   *[other] cards are
  } still due: send /review to go on.
# After a "Next review" label: the same moment with a capital letter ("In 3 days.").
review-due-labelled = { $due }.
review-due = Next review { $due }.
review-none-left = No cards left to review. Questions you miss in quizzes come back here.
review-right-so-far = Right so far: { $right } of { $answered }
review-next-button = Next review ▶ ({ $left } left)
review-complete = Review complete
review-right = Right
review-next = Next review
review-next-article = Next article: { $title }
review-nothing-due = Nothing to review now
review-meanwhile = Meanwhile, the next article: { $title }
review-read-next = Read the next article
review-quiz-on-it = Quiz on it
