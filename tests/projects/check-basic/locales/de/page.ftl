### de translations of `page.md`.
### Source texts: locales/en/page.ftl.

title-7e58 = Willkommen

getting-started-acbf = Erste Schritte

# fuzzy
plain-paragraph-one-5e85 = Einfacher Absatz eins.
