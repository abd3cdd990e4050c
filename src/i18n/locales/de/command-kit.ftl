list-comma = ,{" "}
list-or = { $init } oder { $last }

help-title = newsquiz: Nachrichten-Überblicke und Lesequiz
help-intro = Lies einen 30-Sekunden-Überblick, geh die Kernsätze durch und teste dann dich selbst oder den ganzen Chat.
help-item = { $usage }: { $description }
help-footer = <…> ist nötig, […] ist optional, a|b zählt die Werte auf. Einen Artikel nennst du über seine ID oder Wörter aus seinem Titel; setze Werte mit Leerzeichen in Anführungszeichen: /quiz "deepseek delay" group.

command-unknown-try = Es gibt keinen Befehl /{ $name }. Probier einen davon: { $names }.
command-unknown = Es gibt keinen Befehl /{ $name }.
command-admins-only = Nur die Admins des Chats können /{ $name } benutzen.
command-personal-as-chat = /{ $name } antwortet einer Person privat, und diese Nachricht wurde im Namen eines Chats gesendet (anonymer Admin, Kanal oder ein Mitglied, das als Kanal schreibt), der keinen privaten Chat mit mir hat. Sende /{ $name } von deinem eigenen Konto aus.

option-unreadable = /{ $name } konnte seine Optionen nicht lesen. Verwendung: { $usage }
option-missing = /{ $name } braucht { $expected }, z. B. { $example }
option-not-a-choice = /{ $name }: { $option } ist { $choices }, nicht { $typed }, z. B. { $example }
option-too-long = /{ $name }: { $option } darf höchstens { $max } Zeichen lang sein (deins hat { $length }), z. B. { $example }
option-did-you-mean = /{ $name }: Für „{ $option }“ wird { $expected } erwartet, nicht { $typed } (meintest du { $meant }?), z. B. { $example }
option-invalid = /{ $name }: Für „{ $option }“ wird { $expected } erwartet, nicht { $typed }, z. B. { $example }
option-extra-words = /{ $name } nimmt { $typed } nicht an. Verwendung: { $usage }

recap-nothing = Nichts zusammenzufassen: keine Artikel in den letzten 7 Tagen und diese Woche keine Quizantworten hier. Schau mit /news nach dem Neuesten oder starte ein /quiz.
streak-not-a-weekday = { $typed } ist kein Wochentag. Nenne die Tage, an denen du pausierst, z. B. /streak rest sa,so (oder /streak rest none).
streak-rest-set = Deine Ruhetage sind jetzt { $days }.
streak-rest-cleared = Du hast jetzt keine Ruhetage.
timezone-own = Deine Tage beginnen um Mitternacht in { $zone }, festgelegt mit /timezone. Ändere das mit /timezone und einer Stadt oder Zeitzone, z. B. /timezone Tokyo.
timezone-default = Deine Tage beginnen um Mitternacht in { $zone }, der Standardzeitzone des Bots: Du hast keine eigene festgelegt. Leg deine mit /timezone und einer Stadt oder Zeitzone fest, z. B. /timezone Berlin.
timezone-set = Deine Tage beginnen jetzt um Mitternacht in { $zone }.
