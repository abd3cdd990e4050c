## What the adapters say themselves: apologies, refusals, confirmations, the playground's own lines.

failure-apology = Sorry, something went wrong on our side. Please try again in a moment.
failure-store-down = The bot cannot reach its storage right now. Please try again in a minute.

discord-no-channel = This only works in a server channel or in a direct message with the bot.
discord-posting-permissions = View Channel, Send Messages and Embed Links
discord-permission-view-channel = View Channel
discord-permission-send-messages = Send Messages
discord-permission-embed-links = Embed Links
discord-cannot-post = I can't post in this channel: I need { $permissions } here. Ask a server admin to grant { $count ->
    [one] it
   *[other] them
  }, then try again.
discord-posted = Posted to this channel.
discord-done = Done.

telegram-open-private-chat = I can only show you this in a private chat. Open one with me (press Start), then press the button again.
telegram-open-private-chat-command = I can only show you this in a private chat. Open one with me (press Start), then send the command again. { $link }
telegram-button-gone = This button no longer works here.
telegram-sent-privately = Sent to you in a private chat with me.
# $bot is the bot's name, already in bold.
telegram-welcome = Welcome to { $bot }. Here is what I can do:

playground-intro = newsquiz playground: type /help, /brief, /read or /quiz; pick actions by number; /as <name> acts as someone else; Ctrl-D quits.
playground-role-admin = the playground chat's admin
playground-role-member = a member of the playground chat
playground-acting-as = You are acting as { $name }, { $role }. Type /as <name> to act as someone else in this chat, e.g. /as bob; /as { $admin } switches back.
playground-as-bad-name = /as needs a name of 1 to 32 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit, e.g. /as bob
playground-member-note = {" "}Members cannot /subscribe or /unsubscribe; /as { $admin } switches back.
playground-now-acting = Now acting as { $name }, { $role }.{ $back }
playground-pick-one = Pick one of { $choices }, or type /help.
playground-type-help = Type /help.
playground-no-choice = There is no choice { $number } on screen. { $pick }
playground-type-command = Type a command such as /brief or /help, or the number of a choice.

## Each platform's words for its own places (PlatformWording): where personal messages go, how to let
## them through again, where else a link code is typed.

wording-neutral-private-place = a private chat with me
wording-neutral-reach-privately = Make sure I can send you private messages
wording-neutral-link-elsewhere = another platform where I am
wording-discord-private-place = a direct message with me
wording-discord-reach-privately = Allow direct messages from this server’s members (or open a DM with me)
wording-discord-link-elsewhere = Telegram
wording-telegram-private-place = a private chat with me
wording-telegram-reach-privately = Telegram lets a bot write only to people who have started a chat with it: open a chat with me, press Start
wording-telegram-link-elsewhere = Discord
wording-console-private-place = the playground
wording-console-reach-privately = Keep the playground running when a reminder is due
wording-console-link-elsewhere = Discord or Telegram

## Why a post could not be delivered (stored with it, shown in /subscriptions and /remind).
delivery-chat-gone = I can no longer post in this chat
delivery-blocked = I was blocked
delivery-removed = I was removed from the chat
delivery-chat-not-found = the chat no longer exists
delivery-no-permission = I have no permission to post there
delivery-dms-closed = direct messages from me are turned off
delivery-no-private-chat = no private chat with me was started
delivery-rejected = the platform refused the message as it was sent
delivery-unavailable = the platform could not be reached
delivery-error = a fault on our side
