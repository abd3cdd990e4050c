## /progress, /streak and /leaderboard.

percent = { $value }%
weekday-mon = mon
weekday-tue = tue
weekday-wed = wed
weekday-thu = thu
weekday-fri = fri
weekday-sat = sat
weekday-sun = sun

progress-title = Progress · { $name }
progress-articles-read = Articles read
progress-questions-answered = Questions answered
progress-accuracy = Accuracy
progress-no-answers = no answers yet
progress-reviews = Reviews due
progress-reviews-due = { $count } (start with /review)
progress-reviews-next = 0; the next { $due }
progress-streak = Daily streak
progress-freezes = Freezes held
progress-freezes-value = { $count } of { $max } (one per { $per } streak days)
progress-rest-days = Rest days
progress-rest-days-none = none (set with /streak rest sat,sun)
progress-last-activity = Last activity
progress-none-yet = none yet
progress-linked = Linked accounts
progress-linked-none = none (link Discord and Telegram with /link)
progress-footer = Days are counted in { $zone }. Change it with /timezone.
progress-take-quiz = Take a quiz

streak-line = { $count } { $count ->
    [one] day
   *[other] days
  } (best { $best })
streak-line-restorable = { $line }; finish a quiz or a review today to restore your { $count } { $count ->
    [one] day
   *[other] days
  }
streak-line-keep = { $line }; answer today to keep it
streak-title = Streak · { $name }
streak-freezes-value = { $count } of { $max }
streak-rest-none = none
streak-rule-freezes = Every { $per } streak days earn a freeze (at most { $max }); a missed day spends one by itself.
streak-rule-rest = Rest days neither break nor extend a streak: set them with /streak rest sat,sun.
streak-rule-restore = Missed a day with no freeze left? Finish a quiz or a review the next day to restore the streak.
streak-footer = Days end at midnight in { $zone }. Change it with /timezone.

board-title-week = Leaderboard · this week, { $days }
board-title-all = Leaderboard · all time
board-empty = No answers in this chat yet. Start a quiz with /quiz.
board-player = Player
board-points = Points
board-accuracy = Accuracy
board-all-time = All time
board-this-week = This week
weekday-long-mon = Monday
weekday-long-tue = Tuesday
weekday-long-wed = Wednesday
weekday-long-thu = Thursday
weekday-long-fri = Friday
weekday-long-sat = Saturday
weekday-long-sun = Sunday

## Values of command options as a language calls them (also accepted when typed).
choice-solo = solo
choice-group = group
choice-week = week
choice-all = all
