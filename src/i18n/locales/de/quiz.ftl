quiz-all-finished = Du hast jede Frage jedes Artikels beantwortet, deshalb kommt hier noch einmal der neueste.

quiz-heading = { $occasion }Frage { $position } von { $total }{ $suffix } · { $title }
quiz-review-heading = Wiederholung { $asked } von { $total }{ $suffix } · { $title }
quiz-occasion = { $kind } ·{" "}
quiz-closed-suffix = {" "}· beendet
quiz-generated = Aus dem Text · { $footer }
quiz-footer-group = Alle können antworten · { $seconds } s pro Frage · { $count } { $count ->
    [one] Antwort
   *[other] Antworten
  }
quiz-footer-review = Wiederholung · eine Frage, die du schon einmal verpasst hast · wähle eine Antwort
quiz-footer-solo = Solo-Quiz · wähle eine Antwort
quiz-moved-copy = Diese Kopie ist nicht mehr aktiv: Die Frage geht in einer neueren Nachricht weiter.
quiz-score-footer = Punkte { $score }/{ $answered }
quiz-next-question = Nächste Frage ▶
quiz-stop = Quiz beenden
quiz-names-and-more = { $names } und { $count } weitere
quiz-answer = Antwort
quiz-got-it = Richtig ({ $right } von { $total })
quiz-nobody = diesmal niemand
quiz-score = Punkte
quiz-kind = Quiz
quiz-summary-complete = { $kind } geschafft · { $title }
quiz-summary-stopped = { $kind } beendet · { $title }
quiz-score-value = { $score } von { $total }
quiz-time = Zeit
quiz-players = Spieler
quiz-final-standings = Endstand
quiz-review-missed = { $count ->
    [one] Verpasste Frage wiederholen
   *[other] { $count } verpasste Fragen wiederholen
  }
quiz-play-again = Nochmal spielen
quiz-read-article = Artikel lesen
quiz-leaderboard = Rangliste

quiz-error-not-found = Dieses Quiz gibt es nicht mehr. Starte ein neues mit /quiz.
quiz-error-ended = Dieses Quiz ist vorbei. Starte ein neues mit /quiz.
quiz-error-closed = Die Zeit für diese Frage ist um; Antworten sind geschlossen.
quiz-error-already-answered = Du hast diese Frage schon beantwortet; deine erste Antwort zählt.
quiz-error-not-yours = Das ist das Quiz von jemand anderem. Starte dein eigenes mit /quiz.
quiz-error-wrong-chat = Dieser Button gehört zu einem Quiz in einem anderen Chat.
quiz-error-article-removed = Der Artikel zu diesem Quiz wurde entfernt. Starte ein neues Quiz mit /quiz.
quiz-error-group-running = In diesem Chat läuft schon ein Gruppenquiz. Antworte dort oder warte, bis es vorbei ist.
quiz-error-stale-copy = Dieser Button gehört zu einer anderen Kopie dieses Quiz; nimm die neueste.
quiz-error-nothing-to-stop = Hier läuft kein Quiz. Starte eins mit /quiz.
quiz-error-moved-past = Du bist schon über diese Frage hinaus.
quiz-error-card-not-answered = Beantworte erst diese Karte, dann geht es weiter.
quiz-error-next-card-pending = Die nächste Karte ist unterwegs; drück gleich noch einmal.
quiz-error-bad-button = Dieser Button passt nicht zu diesem Quiz.
quiz-error-bad-button-start = Dieser Button passt nicht zu diesem Quiz. Starte ein neues mit /quiz.
quiz-error-bad-question-button = Dieser Button passt nicht zu dieser Frage.
quiz-error-group-just-started = In diesem Chat hat gerade ein Gruppenquiz begonnen. Mach dort mit.

quiz-answer-moved = Diese Frage geht in einer neueren Nachricht weiter. Antworte dort.
quiz-group-correct = ✅ Richtig. Die vollständige Antwort kommt, wenn die Zeit um ist.
quiz-group-wrong = ❌ Leider nicht. Die Antwort kommt, wenn die Zeit um ist.
quiz-solo-correct = ✅ Richtig. { $explanation }
quiz-solo-wrong = ❌ Leider nicht: Die Antwort ist „{ $answer }“. { $explanation }
quiz-quiet-stop = Zwei Fragen hintereinander hat niemand geantwortet, deshalb endet das Quiz hier.
quiz-stopped-solo = Du hast dieses Quiz vor der letzten Frage beendet.
quiz-stopped-by = { $name } hat das Quiz vor der letzten Frage beendet.
quiz-stopped = Quiz beendet.
quiz-earlier-ended = Dein vorheriges Quiz zu „{ $title }“ ist beendet; seine Antworten zählen weiterhin.
quiz-stop-not-allowed = Nur wer dieses Quiz gestartet hat oder ein Admin des Chats kann es beenden. Alle anderen können einfach aufhören zu antworten.

review-still-due = { $count ->
    [one] Eine Karte ist
   *[other] { $count } Karten sind
  } noch fällig: Sende /review, um weiterzumachen.
review-due-labelled = { $due }.
review-due = Nächste Wiederholung { $due }.
review-none-left = Keine Karten mehr zu wiederholen. Fragen, die du im Quiz verpasst, tauchen hier wieder auf.
review-right-so-far = Bisher richtig: { $right } von { $answered }
review-next-button = Nächste Karte ▶ (noch { $left })
review-complete = Wiederholung geschafft
review-right = Richtig
review-next = Nächste Wiederholung
review-next-article = Nächster Artikel: { $title }
review-nothing-due = Gerade nichts zu wiederholen
review-meanwhile = In der Zwischenzeit der nächste Artikel: { $title }
review-read-next = Nächsten Artikel lesen
review-quiz-on-it = Quiz dazu
