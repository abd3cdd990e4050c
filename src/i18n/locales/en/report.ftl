## Reporting a question, and buttons that no longer work.

report-reason-wrong-key = Answer key is wrong
report-reason-unclear = Unclear
report-reason-outdated = Out of date
report-reason-other = Something else
report-button = Report
report-title = Report this question
report-what-is-wrong = What is wrong with it? The author sees the reasons readers give, without their names.
report-other-title = Report: something else
report-note-label = What is wrong with it? (optional)
report-note-ask = What is wrong with this question? Send it as your next message here (up to { $max } characters), or report it without a note.
report-without-note = Send without a note
report-thanks-reported = You reported “{ $prompt }” as: { $reason }.
report-thanks-note = Your note: “{ $note }”
report-thanks-replaces = This replaces your earlier report ({ $reason }): one report per question counts.
report-thanks-title = Thanks for the report
report-thanks-footer = The author sees it beside how readers answer this question.
report-note-too-long = A note may be at most { $max } characters; yours has { $length }. Send a shorter one.
report-note-gone = This note was sent already, or waited too long. Press Report under the question to report it again.
report-too-old = This question can no longer be reported: its quiz is more than a week old.
report-not-answered = Only someone who answered this question can report it. Answer it first.
report-question-gone = This question is no longer in its article, so there is nothing left to report.

action-invalid-button = That button is not valid. Send /help to start again.
action-article-gone = That article is no longer available. See /news for the latest.
action-invalid-form = That form is not valid. Send /help to start again.
