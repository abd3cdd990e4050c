failure-apology = Entschuldigung, bei uns ist etwas schiefgelaufen. Versuch es gleich noch einmal.
failure-store-down = Der Bot erreicht seinen Speicher gerade nicht. Versuch es in einer Minute noch einmal.

discord-no-channel = Das funktioniert nur in einem Serverkanal oder in einer Direktnachricht an den Bot.
discord-posting-permissions = Kanal ansehen, Nachrichten senden und Links einbetten
discord-permission-view-channel = Kanal ansehen
discord-permission-send-messages = Nachrichten senden
discord-permission-embed-links = Links einbetten
discord-cannot-post = Ich kann in diesem Kanal nicht posten: Ich brauche hier { $count ->
    [one] die Berechtigung
   *[other] die Berechtigungen
  } { $permissions }. Bitte einen Server-Admin darum und versuch es dann noch einmal.
discord-posted = In diesem Kanal gepostet.
discord-done = Erledigt.

telegram-open-private-chat = Das kann ich dir nur in einem privaten Chat zeigen. Öffne einen mit mir (drück auf Start) und drück dann noch einmal auf den Button.
telegram-open-private-chat-command = Das kann ich dir nur in einem privaten Chat zeigen. Öffne einen mit mir (drück auf Start) und sende den Befehl dann noch einmal. { $link }
telegram-button-gone = Dieser Button funktioniert hier nicht mehr.
telegram-sent-privately = Ich habe es dir in einem privaten Chat geschickt.
telegram-welcome = Willkommen bei { $bot }. Das kann ich:

playground-intro = newsquiz-Spielwiese: Tippe /help, /brief, /read oder /quiz; wähle Aktionen per Nummer; mit /as <Name> handelst du als jemand anderes; Strg-D beendet.
playground-role-admin = Admin des Spielwiesen-Chats
playground-role-member = Mitglied des Spielwiesen-Chats
playground-acting-as = Du handelst als { $name }, { $role }. Tippe /as <Name>, um in diesem Chat als jemand anderes zu handeln, z. B. /as bob; mit /as { $admin } wechselst du zurück.
playground-as-bad-name = /as braucht einen Namen aus 1 bis 32 Buchstaben, Ziffern, Leerzeichen, Punkten, Binde- oder Unterstrichen, der mit einem Buchstaben oder einer Ziffer beginnt, z. B. /as bob
playground-member-note = {" "}Mitglieder können /subscribe und /unsubscribe nicht nutzen; mit /as { $admin } wechselst du zurück.
playground-now-acting = Du handelst jetzt als { $name }, { $role }.{ $back }
playground-pick-one = Wähle eine von { $choices } oder tippe /help.
playground-type-help = Tippe /help.
playground-no-choice = Es gibt keine Auswahl { $number } auf dem Bildschirm. { $pick }
playground-type-command = Tippe einen Befehl wie /brief oder /help oder die Nummer einer Auswahl.

wording-neutral-private-place = einem privaten Chat mit mir
wording-neutral-reach-privately = Sorg dafür, dass ich dir private Nachrichten schicken kann
wording-neutral-link-elsewhere = einer anderen Plattform, auf der ich bin
wording-discord-private-place = einer Direktnachricht an mich
wording-discord-reach-privately = Erlaube Direktnachrichten von Mitgliedern dieses Servers (oder öffne eine DM mit mir)
wording-discord-link-elsewhere = Telegram
wording-telegram-private-place = einem privaten Chat mit mir
wording-telegram-reach-privately = Telegram lässt einen Bot nur Leuten schreiben, die einen Chat mit ihm begonnen haben: Öffne einen Chat mit mir, drück auf Start
wording-telegram-link-elsewhere = Discord
wording-console-private-place = der Spielwiese
wording-console-reach-privately = Lass die Spielwiese laufen, wenn eine Erinnerung fällig ist
wording-console-link-elsewhere = Discord oder Telegram

delivery-chat-gone = ich kann in diesem Chat nicht mehr posten
delivery-blocked = ich wurde blockiert
delivery-removed = ich wurde aus dem Chat entfernt
delivery-chat-not-found = den Chat gibt es nicht mehr
delivery-no-permission = mir fehlt die Berechtigung, dort zu posten
delivery-dms-closed = Direktnachrichten von mir sind abgeschaltet
delivery-no-private-chat = es wurde kein privater Chat mit mir begonnen
delivery-rejected = die Plattform hat die Nachricht in dieser Form abgelehnt
delivery-unavailable = die Plattform war nicht erreichbar
delivery-error = ein Fehler auf unserer Seite
