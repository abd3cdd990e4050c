brief-section-takeaways = Das Wichtigste
brief-section-comparison = Vergleich
brief-section-deep-dive = Hintergrund
brief-section-implications = Folgen
brief-section-timeline = Zeitleiste
brief-section-related = Verwandt
brief-section-title = { $section } · { $title }
brief-read = Lesen
brief-quiz = Quiz
brief-source = Quelle
brief-what-changed = Was ist neu
brief-why-it-matters = Warum es wichtig ist
brief-what-to-do-next = Was du jetzt tun kannst
brief-who-should-care = Für wen es wichtig ist
brief-original-source = Originalquelle: { $source }
brief-no-related = Noch keine verwandten Artikel.

page-of = Seite { $page } von { $pages }.{" "}
page-previous = ◀ Zurück
page-more = Mehr ▶

news-title = Neueste Überblicke
news-title-topic = Neueste Überblicke zu #{ $topic }
news-footer = { $where }Öffne unten einen Überblick oder nutze /brief mit einer ID oder Wörtern aus einem Titel.
topics-title = Themen
topics-title-count = Themen ({ $count })
topics-item = #{ $topic }: { $count } { $count ->
    [one] Artikel
   *[other] Artikel
  }
topics-footer = { $where }Tippe auf ein Thema oder nutze /news <Thema>.
