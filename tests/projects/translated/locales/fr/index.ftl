# A translator's catalog for `index.md`, written by hand.

# Front matter `title`.
title-7e58 = Bienvenue

# Heading.
getting-started-acbf = Premiers pas

# $link1 = install.html
# $code1 = `pip install caffe2`
read-the-install-guide-fcfb = Lancez { $code1 } après avoir lu le [guide d’installation]({ $link1 }).

a-quoted-note-over-98d9 =
    Une note citée
    sur deux lignes.

first-item-9bdf = Premier élément

# Table cell.
french-4386 = Français
