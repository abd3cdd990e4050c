reading-title = Lesen · { $title }
reading-focus = Kernsatz { $step } von { $total }
reading-back = ◀ Zurück
reading-next = Weiter ▶
reading-finish = Fertig ▶
reading-end-title = Ende des Artikels · { $title }
reading-end-read = Du hast { $count } { $count ->
    [one] Kernsatz
   *[other] Kernsätze
  } gelesen.
reading-end-challenge = Challenge-Modus: { $count } Verständnisfragen zu dem, was du gerade gelesen hast.
reading-take-challenge = Challenge annehmen
reading-challenge-chat = Den Chat herausfordern

# The kind of an entity a focus sentence is tagged with, shown beside its name.
entity-type-org = Organisation
entity-type-tech = Technologie
entity-type-location = Ort
entity-type-concept = Konzept
entity-type-person = Person
entity-type-event = Ereignis

news-unknown-topic = Es gibt kein Thema { $typed }. Themen: { $topics }.
news-no-articles = Es gibt noch keine Artikel.
article-none-yet = Es gibt noch keine Artikel. Lege Markdown-Dateien im Inhaltsordner an.
article-no-match = Kein Artikel passt zu { $typed }. Probier eine dieser IDs oder /news für das Neueste.
