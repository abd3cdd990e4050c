## Scheduled posts: kinds, headings, reminders.

# The first line of a scheduled post: its kind's title and what it covers.
post-heading = { $title } · { $when }

# `typed`: other words for a kind that /subscribe and /unsubscribe take, comma-separated (its title counts too).
post-kind-daily-brief-title = Daily brief
post-kind-daily-brief-typed = daily brief, brief, daily
post-kind-daily-brief-offer = daily briefs
post-kind-daily-brief-nothingNew = no new articles since the last daily brief
post-kind-weekly-recap-title = Weekly recap
post-kind-weekly-recap-typed = weekly recap, recap, weekly
post-kind-weekly-recap-offer = a weekly recap
post-kind-weekly-recap-nothing = no articles and no quiz answers in the past week
post-kind-quiz-of-the-day-title = Quiz of the day
post-kind-quiz-of-the-day-typed = quiz of the day, daily quiz, quiz
post-kind-quiz-of-the-day-offer = a quiz of the day
post-kind-quiz-of-the-day-waiting = a group quiz is running in the chat; the quiz of the day follows when it ends
post-kind-quiz-of-the-day-crowdedOut = a group quiz kept the chat busy for an hour after the quiz of the day was due
post-kind-review-reminder-title = Review reminder
post-kind-review-reminder-typed = reminder, review reminder
post-kind-review-reminder-quiet = no reviews due and the streak is safe

daily-brief-more = { $count } more in /news
recap-no-articles = No new articles this week.
recap-standings = Quiz standings, { $week }
qotd-repeat = This chat has had every recent article as its quiz of the day, so one comes back: it was the quiz of the day on { $date }.

reminder-time-for-review = time for a review
reminder-keep-streak = keep your streak
reminder-due = { $count } { $count ->
    [one] question you missed is
   *[other] questions you missed are
  } due for review.
reminder-restore = Finish a quiz or a review today to restore your { $count } { $count ->
    [one] day
   *[other] days
  } streak.
reminder-at-risk = Your { $count } { $count ->
    [one] day
   *[other] days
  } streak ends at midnight ({ $zone }) unless you answer today.
reminder-footer = Reminder at { $time } ({ $zone }). Change with /remind 20:00, stop with /remind off.
reminder-start-review = Start review
reminder-latest-news = Latest news

## Subscriptions.

# A moment in a subscription's zone, formatted by Intl for the language: `Mon 30 Nov, 19:00 CET`.
instant = { $at }
subscribe-unknown-kind = A chat cannot subscribe to { $typed }. Kinds: { $kinds }.
subscribe-needs-weekday = { $kind } needs a weekday: mon, tue, wed, thu, fri, sat or sun.
subscribe-unknown-topics = Unknown { $count ->
    [one] topic
   *[other] topics
  } { $typed }. Topics: { $topics }.
subscribe-zone-from-chat = the zone of this chat’s other subscriptions
subscribe-zone-from-own = your own time zone (/timezone)
subscribe-zone-from-default = the bot’s default zone
subscribe-set = { $title } set for { $what }. Next post: { $next }.
subscribe-zone-note = No zone was given, so { $time } is in { $zone }, { $source }. For another, add it: { $example }
subscribe-weekly-at = { $day } { $time }
subscribe-daily-at = daily { $time }
subscribe-on-topics = {" "}on { $topics }
subscribe-when = { $when } ({ $zone }){ $topics }
unsubscribe-done = { $title } stopped for this chat.
unsubscribe-none = This chat has no { LOWER($title) } subscription.
subscriptions-none = This chat has no subscriptions. Admins can add one with /subscribe.
subscriptions-title = Subscriptions of this chat
subscriptions-next = next post { $next }
subscriptions-paused = paused: { $reason }
subscriptions-disabled = disabled
subscriptions-item = { $title }: { $what }; { $state }{ $last }
subscriptions-no-reason = no reason was recorded
subscriptions-last-skipped = ; the last post ({ $when }) was skipped: { $reason }
subscriptions-last-failed = ; the last post ({ $when }) could not be posted: { $reason }
timezone-abbreviation = { $typed } is an abbreviation, not a place: it was taken as { $zone }. Name a city instead (e.g. Berlin) if your clocks follow another place's summer time.

## /remind.

remind-off-bounced = Reminders are off: the last one could not reach you privately ({ $reason }). { $how }, then send /remind again.
remind-last-quiet = The last check ({ $when }) sent nothing: { $why }.
remind-last-failed = The last reminder ({ $when }) could not be sent: { $why }.
remind-no-private-chat = Reminders go to a person’s private chat, and this account has none. Send /remind as yourself.
remind-set = I will remind you at { $time } ({ $zone }) on days when reviews are due or your streak is at risk; other days stay quiet. Next check: { $next }. Stop with /remind off.
remind-default-zone = { $zone } is the bot’s default zone: you have not set yours. Set it with /timezone and a city (e.g. /timezone Berlin), and the reminder moves with it.
remind-off = Reminders are off.
remind-none-short = You have no reminder. Set one with /remind 19:00.
remind-none = You have no reminder. /remind 19:00 (or 7pm) sends you a private message at that time on days when reviews are due or your streak is at risk.
remind-no-reason = no reason given
remind-show = Reminders at { $time } ({ $zone }), on days when reviews are due or your streak is at risk. Next check: { $next }. Change with /remind 20:00, stop with /remind off.

## Why a run of a subscription posted nothing (shown after "skipped:" or "could not be posted:").
post-skip-missed = missed while the bot was offline, older than SCHEDULE_GRACE
post-skip-no-articles = no articles to quiz on
post-skip-article-removed = article { $article } was removed
post-skip-unknown-kind = this version of the bot has no post kind named { $kind }
post-skip-unknown-payload = this version of the bot sends no { $payload } posts
post-run-stalled = claimed { $count } times without being queued; see the errors logged for it
