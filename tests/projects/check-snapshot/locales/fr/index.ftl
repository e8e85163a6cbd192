### fr translations of `index.md`.
### Source texts: locales/en/index.ftl.

title-3bc8 = Accueil

install-de66 = # Installer

run-as-root-5ec1 = Lancez make install en root.

# fuzzy
read-the-manual-first-02aa = Lisez d’abord le [manuel]({ $link1 }).

fluentmark-165f = Fluentmark

press-b-enter-b-dd8d = Appuyez deux fois sur <b>Entrée</b><script>alert(1)</script>.

## Obsolete: the source text of these is gone. Kept for reference; `fluentmark extract --prune` removes them.

# source was: Uninstall
uninstall-4c2e = Désinstaller
