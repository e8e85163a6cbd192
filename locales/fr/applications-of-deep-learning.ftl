### fr translations of `applications-of-deep-learning.md`.
### Source texts: locales/en/applications-of-deep-learning.ftl.

title-b603 = Applications de l'apprentissage profond

to-better-understand-what-456b = Pour mieux comprendre ce qu'est Caffe2 et comment vous pouvez l'utiliser, voici quelques exemples d'apprentissage automatique et d'apprentissage profond tels qu'ils sont pratiqués aujourd'hui.

audio-recognition-0e6e = Reconnaissance audio

many-readers-may-have-c681 = Beaucoup de lecteurs connaissent sans doute Siri, l'assistant d'Apple. Cet assistant numérique interagit avec ses utilisateurs avant tout par la reconnaissance vocale : vous demandez à Siri un itinéraire, de noter un rendez-vous dans votre agenda ou de rechercher une information. Sa capacité à comprendre des accents anglais très variés, sans parler de ses réglages et capacités multilingues, repose sur les nombreuses améliorations apportées à Siri depuis 2014. Ces améliorations ont été [obtenues]({ $link1 }) grâce aux réseaux de neurones profonds (DNN), aux réseaux de neurones convolutifs et à d'autres avancées de l'apprentissage automatique.

chat-bots-ff70 = Chatbots

there-are-currently-useful-2c15 = Il existe aujourd'hui des interactions utiles avec des IA simples. Le chatbot en est un exemple courant.

a-chat-bot-could-35a8 = Un chatbot est peut-être à l'œuvre lorsque vous cliquez sur le lien d'assistance du site de votre banque ou de votre boutique en ligne préférée. La question « Comment puis-je vous aider ? » peut venir d'un programme entièrement automatisé qui lit votre texte et cherche des réponses pertinentes ou, dans sa forme la plus simple, vous redirige vers un conseiller disponible. À mesure que des bots plus complexes seront écrits avec des DNN, leur capacité à comprendre vos phrases et, surtout, leur contexte leur permettra de tenir des conversations plus longues et plus riches, sans même que vous vous rendiez compte que vous ne parlez pas à une vraie personne.

# fluentmark-ignore: identical
iot-1880 = IoT

as-we-explore-the-2ada = Alors que nous découvrons toute la portée et les possibilités de l'Internet des objets (IoT), où les objets du quotidien communiquent avec vous — de votre réfrigérateur à votre système de sécurité en passant par chaque ampoule —, une IA assez simple peut analyser automatiquement (et en temps réel) les images des caméras de surveillance, reconnaître le visage des visiteurs pour distinguer le propriétaire, un invité ou un intrus, et adapter en conséquence l'éclairage, la musique et les alarmes. Pour distinguer ces personnes, on peut entraîner un DNN, puis confier ce détecteur à divers systèmes, comme la [plateforme IoT d'AWS]({ $link1 }), qui y ajoutent réponses et actions.

computer-vision-f129 = Vision par ordinateur

computer-vision-has-been-db7e = La vision par ordinateur existe depuis de nombreuses années ; elle a permis une robotique avancée, une fabrication simplifiée, de meilleurs appareils médicaux, etc. La reconnaissance des plaques d'immatriculation permet même de verbaliser automatiquement de nombreuses infractions, comme les excès de vitesse ou les feux rouges grillés. Les réseaux de neurones ont nettement amélioré les applications de vision par ordinateur. Le traitement des photos sert à reconnaître des objets et à répondre à des questions comme « Est-ce un chat ou un chien ? ». Le traitement vidéo sert à automatiser la classification des scènes ou la reconnaissance des personnes, pour répondre à des questions comme « Est-ce un hélicoptère ? Y a-t-il quelqu'un dans l'hélicoptère ? Qui est cette personne ? ».

translation-bad7 = Traduction

another-useful-application-of-c7b9 = Les réseaux de neurones sont aussi très utiles pour traduire d'une langue à l'autre. La traduction peut porter sur la voix, le texte ou même l'écriture manuscrite. L'un des [tutoriels]({ $link1 }) de Caffe2 montre comment créer un réseau de neurones simple qui reconnaît l'écriture manuscrite de textes anglais avec une précision de plus de 95 %. Il est non seulement très précis, mais aussi extrêmement rapide.

medical-9979 = Médecine

customs-agencies-have-used-7785 = Des services douaniers ont utilisé le [traitement d'images thermiques]({ $link1 }) pour repérer les personnes susceptibles d'avoir de la fièvre, afin de faire respecter des quarantaines et de limiter la propagation de maladies infectieuses. La segmentation d'images est une tâche courante en imagerie médicale : elle aide à distinguer différents types de tissus, à détecter des anomalies et à assister les médecins qui analysent des images dans de nombreuses disciplines, comme la radiologie et l'oncologie. Les dossiers médicaux peuvent être traités avec l'apprentissage automatique et des DNN pour dégager des enseignements et des corrélations dans ces immenses ensembles de données.

advertising-ea04 = Publicité

outdoor-advertising-agencies-bf59 = Des agences d'affichage publicitaire ont expérimenté des systèmes qui identifient le genre des passants et affichent une publicité qui [cible précisément ce genre]({ $link1 }). On peut le faire avec de nombreux types de critères : origine, âge, tenue, taille, poids, humeur, etc. Plusieurs modèles pour ce type de critères ont déjà été créés avec Caffe et sont prêts à l'emploi. Voici un exemple de [classification par âge et par genre]({ $link2 }).

other-applications-184a = Autres applications

deep-learning-and-neural-479c = L'apprentissage profond et les réseaux de neurones peuvent s'appliquer à N'IMPORTE QUEL problème. Ils excellent dans le traitement de grands ensembles de données, l'automatisation, le traitement d'images et les opérations statistiques et mathématiques, pour ne citer que quelques domaines. Ils peuvent s'appliquer à tout type d'activité et aider à trouver des opportunités, des solutions et des idées. Selon votre rôle, Caffe2 et l'apprentissage profond vous attireront pour des raisons différentes.

business-person-how-can-45dc = Dirigeants : comment en tirer des revenus, réduire les coûts, augmenter les marges, trouver de nouveaux marchés ou de nouvelles opportunités

marketing-person-find-new-7dfc = Marketing : trouver de nouveaux marchés, mieux cibler au sein des marchés, rendre le marketing plus efficace, personnaliser

product-person-enhance-products-8378 = Produit : améliorer les produits, voire en créer de nouveaux avec l'IA et les réseaux de neurones en leur cœur

data-person-analyze-massive-8340 = Données : analyser d'énormes volumes de données pour dégager tendances et indicateurs, et développer de nouveaux modèles pour tous les secteurs

developers-engineers-ultimately-f20f = Développeurs et ingénieurs : tant de secteurs voudront utiliser l'apprentissage profond qu'il faudra l'intégrer aux plateformes, même si vous ne participez pas vous-même à la création, à la recherche ou à l'amélioration des systèmes d'apprentissage profond

academics-refinement-of-existing-8217 = Chercheurs : l'amélioration des modèles existants, la création de nouveaux modèles, le développement d'algorithmes et des réseaux de neurones plus intelligents sont à venir, et les chercheurs ont devant eux un vaste champ d'opportunités pour faire progresser les DNN et l'IA.

ready-to-start-working-b9c7 = Prêt à travailler avec Caffe2 ? [Installez-le]({ $link1 }), ou passez directement au [tutoriel d'introduction]({ $link2 }) ou au [tutoriel et à la démo AI Camera]({ $link3 }).
