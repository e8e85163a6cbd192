hello-7ed1 = Olá.
