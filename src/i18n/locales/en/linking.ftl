## /link and /unlink.

platform-name-discord = Discord
platform-name-telegram = Telegram
platform-name-console = the playground
link-account-name = { $platform } ({ $name })
link-and = {" "}and{" "}
link-title = Link your accounts
link-your-code = Your one-time code:
link-code-how = Type /link { $code } on { $elsewhere } within { $minutes } minutes. Your progress, streak, review cards and time zone then follow you on both.
link-code-once = The code works once. Do not share it: whoever types it joins your progress.
link-linked-title = Accounts linked
link-linked-one-person = { $accounts } are now one person here.
link-linked-progress = Progress, streak and review cards count answers from both.
link-linked-zone = Days are counted in the time zone of { $account }.
link-linked-boards = Leaderboards stay per chat and show the name you have there.
link-linked-undo = Undo it with /unlink on either platform.
link-own-code = You made this code here. Type /link with it on { $elsewhere }, with the account you want to link.
link-same-platform = That code was made by another account on { $platform }. A person links one account per platform: type the code on the other platform.
link-already = These accounts are linked already.
link-issuer-taken = The account that made the code is linked with { $account } already. A person links one account per platform: /unlink there first.
link-too-many-codes = Too many link codes were asked for in the last few minutes. Please try again in 10 minutes.
link-too-many-tries = Too many link codes were tried (at most { $max } wrong ones in 10 minutes). Wait 10 minutes, then make a new code with /link on the other platform.
link-paused = Too many link codes were tried by everyone in the last few minutes, so linking is paused to keep codes safe. Please try again in 10 minutes.
link-wrong-code = That code is wrong, or it was used already. Check it, or make a new one with /link on the other platform ({ $left } { $left ->
    [one] try
   *[other] tries
  } left in the next 10 minutes).
link-code-seen = That code was typed where others in this chat can read it, so it no longer works. Make a new one with /link, and type it in { $place }.
link-expired = That code has expired (codes last 10 minutes). Make a new one with /link on the other platform.

unlink-title = Unlink your accounts?
unlink-linked-now = Linked now: { $accounts }.
unlink-the-first = the first one
unlink-what-happens = Your history (progress, streak, review cards, time zone) stays with your first account, { $first }. { $others } will start afresh.
unlink-button = Unlink
unlink-done-title = Accounts unlinked
unlink-done = Your history stays with { $first }; { $others } { $count ->
    [one] starts
   *[other] start
  } afresh. Link again any time with /link.
unlink-stale = This Unlink button was shown for an earlier link of your accounts. Send /unlink again to see what it would do now.
unlink-not-linked = This account is not linked with another. Link one with /link.
unlink-gone = These accounts are not linked any more.
