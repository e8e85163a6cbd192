### de translations of `applications-of-deep-learning.md`.
### Source texts: locales/en/applications-of-deep-learning.ftl.

title-b603 = Anwendungen von Deep Learning

to-better-understand-what-456b = Damit Sie besser verstehen, was Caffe2 ist und wie Sie es einsetzen können, zeigen wir einige Beispiele dafür, wie maschinelles Lernen und Deep Learning heute in der Praxis genutzt werden.

audio-recognition-0e6e = Audioerkennung

many-readers-may-have-c681 = Viele Leser kennen vermutlich Siri von Apple. Dieser digitale Assistent kommuniziert mit seinen Nutzern vor allem über Spracherkennung: Sie fragen Siri nach dem Weg, lassen Termine in Ihren Kalender eintragen oder Informationen nachschlagen. Dass Siri so viele verschiedene englische Akzente versteht, von den mehrsprachigen Einstellungen und Fähigkeiten ganz zu schweigen, beruht auf zahlreichen Verbesserungen seit 2014. Diese Verbesserungen wurden durch tiefe neuronale Netze (DNN), Convolutional Neural Networks und andere Fortschritte im maschinellen Lernen [erreicht]({ $link1 }).

chat-bots-ff70 = Chatbots

there-are-currently-useful-2c15 = Schon heute gibt es nützliche Interaktionen mit einfachen KIs. Eine verbreitete einfache KI ist der Chatbot.

a-chat-bot-could-35a8 = Ein Chatbot ist womöglich im Einsatz, wenn Sie auf der Website Ihrer Bank oder Ihres liebsten Onlineshops auf den Support-Link klicken. Die Frage „Wie kann ich Ihnen helfen?“ kann von einem vollautomatischen Programm stammen, das Ihren Text liest und nach passenden Antworten sucht oder Sie in der einfachsten Form an einen verfügbaren Mitarbeiter weiterleitet. Je komplexer die Bots werden, die mit DNNs entwickelt werden, desto besser verstehen sie Ihre Aussagen und vor allem den Kontext, sodass sie längere, gehaltvollere Gespräche führen können, ohne dass Sie überhaupt merken, dass Sie nicht mit einem Menschen chatten.

# fluentmark-ignore: identical
iot-1880 = IoT

as-we-explore-the-2ada = Während wir die Möglichkeiten des Internets der Dinge (IoT) erkunden, in dem alltägliche Technik mit Ihnen kommuniziert – vom Kühlschrank über die Alarmanlage bis zu einzelnen Lampen –, kann schon eine recht einfache KI automatisch (und in Echtzeit) Aufnahmen von Überwachungskameras auswerten, Besucher am Gesicht erkennen, um Bewohner, Gäste und Eindringlinge zu unterscheiden, und Licht, Musik und Alarmtöne entsprechend anpassen. Um die Personen zu unterscheiden, trainiert man ein DNN; anschließend kann eine Reihe von Systemen wie die [IoT-Plattform von AWS]({ $link1 }) diesen Kerndetektor einbinden und Reaktionen und Aktionen bereitstellen.

# fluentmark-ignore: identical
computer-vision-f129 = Computer Vision

computer-vision-has-been-db7e = Computer Vision gibt es seit vielen Jahren; sie hat fortschrittliche Robotik, schlankere Fertigung, bessere Medizingeräte und vieles mehr ermöglicht. Es gibt sogar Kennzeichenerkennung, mit der Bußgelder für Verkehrsverstöße wie zu schnelles Fahren oder Rotlichtverstöße automatisch verhängt werden. Neuronale Netze haben Anwendungen der Computer Vision deutlich verbessert. Die Bildverarbeitung dient der Objekterkennung und beantwortet Fragen wie „Ist das eine Katze oder ein Hund?“. Die Videoverarbeitung automatisiert die Klassifizierung von Szenen oder die Erkennung von Personen und beantwortet Fragen wie „Ist das ein Hubschrauber? Sitzt jemand im Hubschrauber? Wer ist diese Person?“.

translation-bad7 = Übersetzung

another-useful-application-of-c7b9 = Eine weitere nützliche Anwendung neuronaler Netze ist die Übersetzung zwischen Sprachen. Übersetzt werden kann gesprochene Sprache, Text oder sogar Handschrift. Eines der [Tutorials]({ $link1 }) zu Caffe2 zeigt, wie Sie ein einfaches neuronales Netz erstellen, das englische Handschrift mit über 95 % Genauigkeit erkennt. Es ist nicht nur sehr genau, sondern auch äußerst schnell.

medical-9979 = Medizin

customs-agencies-have-used-7785 = Zollbehörden haben [Wärmebildverarbeitung]({ $link1 }) eingesetzt, um Menschen mit möglichem Fieber zu erkennen, Quarantänen durchzusetzen und die Ausbreitung von Infektionskrankheiten einzudämmen. Bildsegmentierung ist eine häufige Aufgabe in der medizinischen Bildgebung: Sie hilft, verschiedene Gewebearten zu unterscheiden, nach Auffälligkeiten zu suchen und Ärzte bei der Auswertung von Bildern in Fachgebieten wie Radiologie und Onkologie zu unterstützen. Patientenakten lassen sich mit ML und DNNs verarbeiten, um in diesen riesigen Datenmengen Erkenntnisse und Zusammenhänge zu finden.

advertising-ea04 = Werbung

outdoor-advertising-agencies-bf59 = Agenturen für Außenwerbung haben mit Systemen experimentiert, die das Geschlecht von Passanten erkennen und eine Werbung zeigen, die [gezielt dieses Geschlecht anspricht]({ $link1 }). Das ist auch mit vielen anderen Merkmalen möglich, etwa Herkunft, Alter, Kleidung, Größe, Gewicht oder Stimmung. Für einige dieser Merkmale gibt es bereits Modelle in Caffe, die sofort einsetzbar sind. Hier ist ein Beispiel für die [Klassifizierung nach Alter und Geschlecht]({ $link2 }).

other-applications-184a = Weitere Anwendungen

deep-learning-and-neural-479c = Deep Learning und neuronale Netze lassen sich auf JEDES Problem anwenden. Ihre Stärken liegen unter anderem im Umgang mit großen Datenmengen, in der Automatisierung, der Bildverarbeitung sowie in statistischen und mathematischen Operationen. Sie lassen sich in jedem Arbeitsbereich einsetzen und helfen, Chancen, Lösungen und Erkenntnisse zu finden. Je nach Ihrer Rolle finden Sie andere Gründe, sich mit Caffe2 und Deep Learning zu befassen.

business-person-how-can-45dc = Geschäftsleitung – wie lässt sich damit Geld verdienen, lassen sich Kosten senken, Margen steigern, neue Märkte oder Chancen finden?

marketing-person-find-new-7dfc = Marketing – neue Märkte finden, innerhalb von Märkten gezielt ansprechen, Marketing wirksamer machen, personalisieren

product-person-enhance-products-8378 = Produktmanagement – Produkte verbessern oder sogar neue Produkte mit KI und neuronalen Netzen als Kern entwickeln

data-person-analyze-massive-8340 = Datenanalyse – riesige Datenmengen analysieren, um Trends und Prädiktoren zu finden, und neue Modelle für jede Branche entwickeln

developers-engineers-ultimately-f20f = Entwicklung und Technik – so viele Branchen werden Deep Learning nutzen wollen, dass es in Plattformen integriert werden muss, auch wenn Sie selbst nicht an der Entwicklung, Erforschung oder Verfeinerung von Deep-Learning-Systemen beteiligt sind

academics-refinement-of-existing-8217 = Wissenschaft – die Verfeinerung bestehender Modelle, neue Modelle, Algorithmenentwicklung und intelligentere neuronale Netze stehen bevor, und für die Forschung öffnet sich ein weites Feld, um DNNs und KI voranzubringen.

ready-to-start-working-b9c7 = Möchten Sie mit Caffe2 loslegen? [Installieren]({ $link1 }) Sie es, oder lesen Sie gleich das [Einführungstutorial]({ $link2 }) oder das [Tutorial zur AI-Camera-Demo]({ $link3 }).
