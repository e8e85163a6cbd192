# Heading.
title-066a = Titre

first-paragraph-99f7 Premier paragraphe.

second-paragraph-d2f4 = Deuxième paragraphe.
