percent = { $value } %
weekday-mon = Mo
weekday-tue = Di
weekday-wed = Mi
weekday-thu = Do
weekday-fri = Fr
weekday-sat = Sa
weekday-sun = So

progress-title = Fortschritt · { $name }
progress-articles-read = Gelesene Artikel
progress-questions-answered = Beantwortete Fragen
progress-accuracy = Trefferquote
progress-no-answers = noch keine Antworten
progress-reviews = Fällige Wiederholungen
progress-reviews-due = { $count } (starte mit /review)
progress-reviews-next = 0; die nächste { $due }
progress-streak = Tagesserie
progress-freezes = Serienschutz
progress-freezes-value = { $count } von { $max } (einer pro { $per } Serientage)
progress-rest-days = Ruhetage
progress-rest-days-none = keine (festlegen mit /streak rest sa,so)
progress-last-activity = Zuletzt aktiv
progress-none-yet = noch nie
progress-linked = Verknüpfte Konten
progress-linked-none = keine (verknüpfe Discord und Telegram mit /link)
progress-footer = Tage werden in { $zone } gezählt. Ändern mit /timezone.
progress-take-quiz = Quiz starten

streak-line = { $count } { $count ->
    [one] Tag
   *[other] Tage
  } (Rekord { $best })
streak-line-restorable = { $line }; schließ heute ein Quiz oder eine Wiederholung ab, um deine { $count } { $count ->
    [one] Tag lange Serie
   *[other] Tage lange Serie
  } zurückzuholen
streak-line-keep = { $line }; antworte heute, damit sie hält
streak-title = Serie · { $name }
streak-freezes-value = { $count } von { $max }
streak-rest-none = keine
streak-rule-freezes = Alle { $per } Serientage bekommst du einen Serienschutz (höchstens { $max }); ein verpasster Tag verbraucht ihn automatisch.
streak-rule-rest = Ruhetage unterbrechen die Serie nicht und verlängern sie nicht: Lege sie mit /streak rest sa,so fest.
streak-rule-restore = Einen Tag verpasst und kein Serienschutz mehr übrig? Schließ am nächsten Tag ein Quiz oder eine Wiederholung ab, dann ist die Serie zurück.
streak-footer = Tage enden um Mitternacht in { $zone }. Ändern mit /timezone.

board-title-week = Rangliste · diese Woche, { $days }
board-title-all = Rangliste · aller Zeiten
board-empty = In diesem Chat gibt es noch keine Antworten. Starte ein Quiz mit /quiz.
board-player = Spieler
board-points = Punkte
board-accuracy = Trefferquote
board-all-time = Aller Zeiten
board-this-week = Diese Woche
weekday-long-mon = Montag
weekday-long-tue = Dienstag
weekday-long-wed = Mittwoch
weekday-long-thu = Donnerstag
weekday-long-fri = Freitag
weekday-long-sat = Samstag
weekday-long-sun = Sonntag

choice-solo = solo
choice-group = Gruppe
choice-week = Woche
choice-all = alle
