### ja translations of `applications-of-deep-learning.md`.
### Source texts: locales/en/applications-of-deep-learning.ftl.
### About half translated on purpose: untranslated messages fall back to English.

title-b603 = ディープラーニングの応用

to-better-understand-what-456b = Caffe2 とは何か、どのように使えるのかを理解していただくために、現在実際に使われている機械学習とディープラーニングの例をいくつか紹介します。

audio-recognition-0e6e = 音声認識

many-readers-may-have-c681 = 多くの読者は Apple の Siri を使ったことがあるでしょう。このデジタルアシスタントとのやり取りの中心は音声認識です。Siri に道順を尋ねたり、カレンダーに予定を入れたり、情報を調べたりできます。英語のさまざまななまりを理解できる能力は、多言語の設定や機能は言うまでもなく、2014 年以降に Siri に加えられた数多くの改良に基づいています。これらの改良は、ディープニューラルネットワーク (DNN)、畳み込みニューラルネットワーク、その他の機械学習の進歩によって[実現されました]({ $link1 })。

chat-bots-ff70 = チャットボット

there-are-currently-useful-2c15 = 現在でも、単純な AI との便利なやり取りがあります。よく見かける単純な AI の一つがチャットボットです。

a-chat-bot-could-35a8 = 銀行のウェブサイトやお気に入りのショッピングサイトでサポートのリンクをクリックしたとき、チャットボットが動いているかもしれません。「どのようなご用件でしょうか?」という応答は、入力された文章を読んで関連する回答を探す完全に自動化されたプログラムかもしれませんし、最も単純な形では適切な担当者につなぐだけかもしれません。DNN を使ってより複雑なボットが作られるにつれ、発言内容、そして何より文脈を理解する能力が高まり、相手が本物の人間ではないと気づかないほど長く中身のある会話ができるようになるでしょう。

# fluentmark-ignore: identical
iot-1880 = IoT

computer-vision-f129 = コンピュータービジョン

translation-bad7 = 翻訳

medical-9979 = 医療

advertising-ea04 = 広告

other-applications-184a = その他の応用

ready-to-start-working-b9c7 = Caffe2 を使い始める準備はできましたか? [インストール]({ $link1 })するか、[入門チュートリアル]({ $link2 })や [AI Camera のデモとチュートリアル]({ $link3 })に進んでください。
