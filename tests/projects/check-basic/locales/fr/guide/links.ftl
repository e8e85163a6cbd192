### fr translations of `guide/links.md`.
### Source texts: locales/en/guide/links.ftl.

links-1843 = Liens

see-the-full-guide-b915 = Voir le [guide complet][{ $ref1 }] et la [FAQ][{ $ref2 }].

visit-a-href-https-0f64 = Visitez <a href="https://example.com">notre site</a> aujourd’hui.
