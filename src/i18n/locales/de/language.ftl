language-name-en = Englisch (English)
language-name-de = Deutsch
language-name-zh-CN = Vereinfachtes Chinesisch (简体中文)

language-current = Hier spreche ich { $name } mit dir.
language-source-own = Du hast es mit /language gewählt.
language-source-platform = Das ist die Sprache, auf die deine App eingestellt ist.
language-source-chat = Das ist die Sprache dieses Chats.
language-source-default = Das ist meine Standardsprache.
language-chat = Die Sprache dieses Chats (für Quizfragen, Ranglisten und geplante Beiträge) ist { $name }.
language-available = Ich spreche: { $list }. Wähle mit /language und einem Kürzel, z. B. /language de; mit /language auto folge ich wieder deiner App.
language-unknown = { $typed } ist keine Sprache, die ich spreche. Wähle eine davon: { $list }.
language-set-own = Ab jetzt spreche ich { $name } mit dir.
language-cleared-own = Deine Wahl ist gelöscht: Ich folge der Sprache deiner App, sonst der des Chats. Im Moment ist das { $name }.
language-set-chat = Die Sprache dieses Chats ist jetzt { $name }: Quizfragen, Ranglisten und geplante Beiträge kommen auf { $name }. Mitglieder können mit /language weiterhin ihre eigene wählen.
language-cleared-chat = Die Wahl für diesen Chat ist gelöscht; gemeinsame Nachrichten kommen jetzt auf { $name }.
language-as-chat = /language legt die Sprache einer Person fest, und diese Nachricht wurde im Namen eines Chats gesendet. Sende /language von deinem eigenen Konto aus.
