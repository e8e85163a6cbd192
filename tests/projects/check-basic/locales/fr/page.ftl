### fr translations of `page.md`.
### Source texts: locales/en/page.ftl.

title-7e58 = Bienvenue

getting-started-acbf = Premiers pas

read-the-install-guide-fcfb = Lisez le [guide d’installation]({ $link1 }) et lancez { $code1 }.

see-the-logo-for-c76a = Voir ![le logo]({ $img1 }) pour les détails.

a-sentence-with-a-3ed6 = Une phrase avec une note[^1].

press-b-ctrl-b-2170 = Appuyez sur <b>Ctrl</b> pour continuer.

plain-paragraph-one-5e85 = Paragraphe simple un.

plain-paragraph-two-c9e5 = Paragraphe simple deux.

# fluentmark-ignore: identical
caffe2-b784 = Caffe2

the-footnote-text-b35e = Le texte de la note.
