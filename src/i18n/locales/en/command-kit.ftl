## Commands: help, unknown commands, bad options, who may use what.

list-comma = ,{" "}
list-or = { $init } or { $last }

help-title = newsquiz: news briefs and reading quizzes
help-intro = Read a 30-second brief, step through the key sentences, then test yourself or the whole chat.
# One command in /help: its usage line and what it does.
help-item = { $usage }: { $description }
help-footer = <…> is needed, […] is optional, a|b lists the values. An article is named by its id or words of its title; quote values with spaces: /quiz "deepseek delay" group.

command-unknown-try = There is no /{ $name } command. Try one of: { $names }.
command-unknown = There is no /{ $name } command.
command-admins-only = Only the chat's admins can use /{ $name }.
command-personal-as-chat = /{ $name } answers one person in private, and this message was sent as a chat (an anonymous admin, a channel, or a member posting as a channel), which has no private chat with me. Send /{ $name } from your own account.

option-unreadable = /{ $name } could not read its options. Usage: { $usage }
option-missing = /{ $name } needs { $expected }, e.g. { $example }
option-not-a-choice = /{ $name }: { $option } is { $choices }, not { $typed }, e.g. { $example }
option-too-long = /{ $name }: { $option } can be at most { $max } characters (that one has { $length }), e.g. { $example }
option-did-you-mean = /{ $name }: { $option } should be { $expected }, not { $typed } (did you mean { $meant }?), e.g. { $example }
option-invalid = /{ $name }: { $option } should be { $expected }, not { $typed }, e.g. { $example }
option-extra-words = /{ $name } does not take { $typed }. Usage: { $usage }

recap-nothing = Nothing to recap: no articles in the past 7 days and no quiz answers here this week. See /news for the latest, or start a /quiz.
streak-not-a-weekday = { $typed } is not a weekday. Name the days you rest on, e.g. /streak rest sat,sun (or /streak rest none).
streak-rest-set = Your rest days are now { $days }.
streak-rest-cleared = You have no rest days now.
timezone-own = Your days start at midnight in { $zone }, set with /timezone. Change it with /timezone and a city or zone, e.g. /timezone Tokyo.
timezone-default = Your days start at midnight in { $zone }, the bot’s default: you have not set a zone. Set yours with /timezone and a city or zone, e.g. /timezone Berlin.
timezone-set = Your days now start at midnight in { $zone }.
