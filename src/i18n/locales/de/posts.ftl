post-heading = { $title } · { $when }

post-kind-daily-brief-title = Tagesüberblick
post-kind-daily-brief-typed = Überblick, täglicher Überblick, Tagesbriefing
post-kind-daily-brief-offer = tägliche Überblicke
post-kind-daily-brief-nothingNew = keine neuen Artikel seit dem letzten Tagesüberblick
post-kind-weekly-recap-title = Wochenrückblick
post-kind-weekly-recap-typed = Rückblick, Wochenrückblick, wöchentlich
post-kind-weekly-recap-offer = einen Wochenrückblick
post-kind-weekly-recap-nothing = keine Artikel und keine Quizantworten in der letzten Woche
post-kind-quiz-of-the-day-title = Quiz des Tages
post-kind-quiz-of-the-day-typed = Tagesquiz, Quiz des Tages, Quiz
post-kind-quiz-of-the-day-offer = ein Quiz des Tages
post-kind-quiz-of-the-day-waiting = im Chat läuft ein Gruppenquiz; das Quiz des Tages folgt, wenn es vorbei ist
post-kind-quiz-of-the-day-crowdedOut = ein Gruppenquiz hat den Chat noch eine Stunde nach dem Termin des Quiz des Tages belegt
post-kind-review-reminder-title = Erinnerung zum Wiederholen
post-kind-review-reminder-typed = Erinnerung
post-kind-review-reminder-quiet = keine Wiederholungen fällig und die Serie ist sicher

daily-brief-more = { $count } weitere unter /news
recap-no-articles = Diese Woche keine neuen Artikel.
recap-standings = Quiz-Stand, { $week }
qotd-repeat = Dieser Chat hatte schon jeden aktuellen Artikel als Quiz des Tages, deshalb kommt einer wieder: Er war am { $date } das Quiz des Tages.

reminder-time-for-review = Zeit zum Wiederholen
reminder-keep-streak = halte deine Serie
reminder-due = { $count ->
    [one] Eine Frage, die du verpasst hast, ist
   *[other] { $count } Fragen, die du verpasst hast, sind
  } zur Wiederholung fällig.
reminder-restore = Schließ heute ein Quiz oder eine Wiederholung ab, um deine Serie von { $count } { $count ->
    [one] Tag
   *[other] Tagen
  } zurückzuholen.
reminder-at-risk = Deine Serie von { $count } { $count ->
    [one] Tag
   *[other] Tagen
  } endet um Mitternacht ({ $zone }), wenn du heute nicht antwortest.
reminder-footer = Erinnerung um { $time } ({ $zone }). Ändern mit /remind 20:00, abschalten mit /remind off.
reminder-start-review = Wiederholung starten
reminder-latest-news = Neueste Nachrichten

instant = { $at }
subscribe-unknown-kind = Ein Chat kann { $typed } nicht abonnieren. Arten: { $kinds }.
subscribe-needs-weekday = Für { $kind } fehlt der Wochentag: mon, tue, wed, thu, fri, sat oder sun (oder Mo bis So).
subscribe-unknown-topics = { $count ->
    [one] Unbekanntes Thema
   *[other] Unbekannte Themen
  } { $typed }. Themen: { $topics }.
subscribe-zone-from-chat = die Zeitzone der anderen Abos dieses Chats
subscribe-zone-from-own = deine eigene Zeitzone (/timezone)
subscribe-zone-from-default = die Standardzeitzone des Bots
subscribe-set = { $title } eingerichtet für { $what }. Nächster Beitrag: { $next }.
subscribe-zone-note = Es wurde keine Zeitzone angegeben, deshalb gilt { $time } in { $zone }, { $source }. Für eine andere gib sie mit an: { $example }
subscribe-weekly-at = { $day } { $time }
subscribe-daily-at = täglich { $time }
subscribe-on-topics = {" "}zu { $topics }
subscribe-when = { $when } ({ $zone }){ $topics }
unsubscribe-done = { $title } für diesen Chat beendet.
unsubscribe-none = Dieser Chat hat kein Abo für { $title }.
subscriptions-none = Dieser Chat hat keine Abos. Admins können mit /subscribe eins anlegen.
subscriptions-title = Abos dieses Chats
subscriptions-next = nächster Beitrag { $next }
subscriptions-paused = pausiert: { $reason }
subscriptions-disabled = deaktiviert
subscriptions-item = { $title }: { $what }; { $state }{ $last }
subscriptions-no-reason = kein Grund gespeichert
subscriptions-last-skipped = ; der letzte Beitrag ({ $when }) wurde ausgelassen: { $reason }
subscriptions-last-failed = ; der letzte Beitrag ({ $when }) konnte nicht gesendet werden: { $reason }
timezone-abbreviation = { $typed } ist eine Abkürzung, kein Ort: Sie wurde als { $zone } verstanden. Nenne lieber eine Stadt (z. B. Berlin), wenn deine Uhren der Sommerzeit eines anderen Ortes folgen.

remind-off-bounced = Erinnerungen sind aus: Die letzte hat dich nicht privat erreicht ({ $reason }). { $how }, und sende dann /remind noch einmal.
remind-last-quiet = Die letzte Prüfung ({ $when }) hat nichts gesendet: { $why }.
remind-last-failed = Die letzte Erinnerung ({ $when }) konnte nicht gesendet werden: { $why }.
remind-no-private-chat = Erinnerungen gehen in den privaten Chat einer Person, und dieses Konto hat keinen. Sende /remind als du selbst.
remind-set = Ich erinnere dich um { $time } ({ $zone }) an Tagen, an denen Wiederholungen fällig sind oder deine Serie wackelt; an anderen Tagen bleibt es ruhig. Nächste Prüfung: { $next }. Abschalten mit /remind off.
remind-default-zone = { $zone } ist die Standardzeitzone des Bots: Du hast keine eigene festgelegt. Leg sie mit /timezone und einer Stadt fest (z. B. /timezone Berlin), dann zieht die Erinnerung mit.
remind-off = Erinnerungen sind aus.
remind-none-short = Du hast keine Erinnerung. Richte eine mit /remind 19:00 ein.
remind-none = Du hast keine Erinnerung. /remind 19:00 (oder 7pm) schickt dir um diese Uhrzeit eine private Nachricht an Tagen, an denen Wiederholungen fällig sind oder deine Serie wackelt.
remind-no-reason = kein Grund angegeben
remind-show = Erinnerungen um { $time } ({ $zone }) an Tagen, an denen Wiederholungen fällig sind oder deine Serie wackelt. Nächste Prüfung: { $next }. Ändern mit /remind 20:00, abschalten mit /remind off.

post-skip-missed = fiel in eine Zeit, in der der Bot offline war, und liegt länger zurück, als SCHEDULE_GRACE erlaubt
post-skip-no-articles = keine Artikel für ein Quiz vorhanden
post-skip-article-removed = der Artikel { $article } wurde entfernt
post-skip-unknown-kind = diese Version des Bots kennt keine Beitragsart namens { $kind }
post-skip-unknown-payload = diese Version des Bots sendet keine Beiträge der Art { $payload }
post-run-stalled = { $count }-mal begonnen, ohne in die Warteschlange zu kommen; die Gründe stehen im Log des Bots
