platform-name-discord = Discord
platform-name-telegram = Telegram
platform-name-console = die Spielwiese
link-account-name = { $platform } ({ $name })
link-and = {" "}und{" "}
link-title = Konten verknüpfen
link-your-code = Dein Einmal-Code:
link-code-how = Tippe innerhalb von { $minutes } Minuten /link { $code } auf { $elsewhere }. Dein Fortschritt, deine Serie, deine Wiederholungskarten und deine Zeitzone folgen dir dann auf beiden.
link-code-once = Der Code funktioniert einmal. Gib ihn nicht weiter: Wer ihn eintippt, teilt deinen Fortschritt.
link-linked-title = Konten verknüpft
link-linked-one-person = { $accounts } sind hier jetzt eine Person.
link-linked-progress = Fortschritt, Serie und Wiederholungskarten zählen die Antworten von beiden.
link-linked-zone = Tage werden in der Zeitzone von { $account } gezählt.
link-linked-boards = Ranglisten bleiben pro Chat und zeigen den Namen, den du dort hast.
link-linked-undo = Rückgängig machen mit /unlink auf einer der beiden Plattformen.
link-own-code = Diesen Code hast du hier erstellt. Tippe /link damit auf { $elsewhere }, mit dem Konto, das du verknüpfen willst.
link-same-platform = Dieser Code wurde von einem anderen Konto auf { $platform } erstellt. Eine Person verknüpft ein Konto pro Plattform: Tippe den Code auf der anderen Plattform ein.
link-already = Diese Konten sind schon verknüpft.
link-issuer-taken = Das Konto, das den Code erstellt hat, ist schon mit { $account } verknüpft. Eine Person verknüpft ein Konto pro Plattform: Trenne dort zuerst mit /unlink.
link-too-many-codes = In den letzten Minuten wurden zu viele Codes angefordert. Versuch es in 10 Minuten noch einmal.
link-too-many-tries = Es wurden zu viele Codes ausprobiert (höchstens { $max } falsche in 10 Minuten). Warte 10 Minuten und erstelle dann mit /link auf der anderen Plattform einen neuen Code.
link-paused = In den letzten Minuten wurden insgesamt zu viele Codes ausprobiert, deshalb ist das Verknüpfen zum Schutz der Codes pausiert. Versuch es in 10 Minuten noch einmal.
link-wrong-code = Dieser Code ist falsch oder wurde schon benutzt. Prüf ihn oder erstelle mit /link auf der anderen Plattform einen neuen ({ $left ->
    [one] noch ein Versuch
   *[other] noch { $left } Versuche
  } in den nächsten 10 Minuten).
link-code-seen = Dieser Code wurde dort eingetippt, wo andere in diesem Chat ihn lesen können, deshalb funktioniert er nicht mehr. Erstelle mit /link einen neuen und tippe ihn in { $place } ein.
link-expired = Dieser Code ist abgelaufen (Codes gelten 10 Minuten). Erstelle mit /link auf der anderen Plattform einen neuen.

unlink-title = Konten trennen?
unlink-linked-now = Jetzt verknüpft: { $accounts }.
unlink-the-first = dem ersten
unlink-what-happens = Dein Verlauf (Fortschritt, Serie, Wiederholungskarten, Zeitzone) bleibt bei deinem ersten Konto, { $first }. { $others } fängt neu an.
unlink-button = Trennen
unlink-done-title = Konten getrennt
unlink-done = Dein Verlauf bleibt bei { $first }; { $others } { $count ->
    [one] fängt
   *[other] fangen
  } neu an. Mit /link kannst du jederzeit wieder verknüpfen.
unlink-stale = Dieser Trennen-Button wurde für eine frühere Verknüpfung deiner Konten angezeigt. Sende /unlink noch einmal, um zu sehen, was es jetzt tun würde.
unlink-not-linked = Dieses Konto ist mit keinem anderen verknüpft. Verknüpfe eins mit /link.
unlink-gone = Diese Konten sind nicht mehr verknüpft.
