home-3bc8 = Accueil
