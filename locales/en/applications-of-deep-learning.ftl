### Source texts of `applications-of-deep-learning.md` (edit the page, not this file: `fluentmark extract` writes it).

# Front matter `title`.
title-b603 = Applications of Deep Learning

to-better-understand-what-456b = To better understand what Caffe2 is and how you can use it, we have provided a few examples of machine learning and deep learning in practice today.

# Heading.
audio-recognition-0e6e = Audio Recognition

# $link1 = https://backchannel.com/an-exclusive-look-at-how-ai-and-machine-learning-work-at-apple-8dbfb131932b#.eiae77d82
many-readers-may-have-c681 = Many readers may have been exposed to Apple's Siri. This digital assistant's core interaction with users is through voice recognition. You ask Siri for directions, to make appointments on your calendar, and to look up information. Its ability to understand a variety of accents in English, let alone its multilingual settings and capabilities, is based on many of the enhancements made in Siri since 2014. These enhancements were [accomplished]({ $link1 }) through the utilization of Deep Neural Networks (DNN), Convolutional Neural Networks, and other advances in machine learning.

# Heading.
chat-bots-ff70 = Chat Bots

there-are-currently-useful-2c15 = There are currently useful interaction with simple AI's. A common simple AI is a chat bot.

a-chat-bot-could-35a8 = A chat bot could be in action when you click on the support link on your bank's website or favorite shopping website. The "how may I help you?" response can be a fully automated program that reads your text and looks for related responses, or, in the most simplest form, can redirect you to an appropriate live agent. As more complex bots are written using DNN, their ability to understand your statements, and more importantly, the context, the bots will be able to hold longer, more meaningful conversations without you even realizing you are not chatting with a real person.

# Heading.
iot-1880 = IoT

# $link1 = https://aws.amazon.com/iot/
as-we-explore-the-2ada = As we explore the full impact and capabilities of the Internet of Things (IoT), where common technology communicates with you - from your fridge, to your security system, to individual lights - a fairly simple AI can automatically (and in real-time) review security camera footage, faceprint visitors to distinguish between homeowner, guest, and trespasser, and adjust lighting, music, and alarm sounds accordingly. How the system distinguishes between parties can be accomplished by training a DNN and then a variety of systems such as [AWS's IoT platform]({ $link1 }) can wrap this core detector to provide responses and actions.

# Heading.
computer-vision-f129 = Computer Vision

computer-vision-has-been-db7e = Computer vision has been around for many years and has enabled advanced robotics, streamlined manufacturing, better medical devices, etc. There is even license plate recognition to automate giving people tickets for a number of moving violations like speeding and running red lights. Neural networks have significantly improved computer vision applications. Photo processing is being used for object recognition, answering questions such as "Is that a cat or a dog?".  Video processing is being used to automate scene classification or people recognition, answering questions such as "Is that a helicopter? Is there a person in the helicopter? Who is that person?".

# Heading.
translation-bad7 = Translation

# $link1 = tutorials
another-useful-application-of-c7b9 = Another useful application of neural networks is with translation between languages. Translations can occur via voice, text, or even handwriting. One of the Caffe2 [tutorials]({ $link1 }) shows how you can create a basic neural network that can identify handwriting of English text with over 95% accuracy. It is not only highly accurate, it is extremely fast.

# Heading.
medical-9979 = Medical

# $link1 = https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3016318/
customs-agencies-have-used-7785 = Customs agencies have used [thermal image processing]({ $link1 }) to identify people who may be suffering from a fever in order to enforce quarantines and limit the spread of infection disease. Image segmentation is a common task for in medical imaging to help identify different types of tissue, scan for anomalies, and provide assistance to physicians analyzing imagery in a variety of disciplines such as radiology and oncology. Medical records can be processed with ML and DNN to find insights and correlations in these massive data sets.

# Heading.
advertising-ea04 = Advertising

# $link1 = http://www.psfk.com/2015/06/astra-beer-gender-detection-billboard-advertises-to-women.html
# $link2 = https://gist.github.com/GilLevi/c9e99062283c719c03de
outdoor-advertising-agencies-bf59 = Outdoor advertising agencies have experimented with systems that identify the gender of the passerby and displays an advertisement that [targets their specific gender]({ $link1 }). This can be done with many types of identifiers such as race, age, clothing, height, weight, mood, and so forth. Several models for these kinds of identifiers have already been created in Caffe and can be used off-the-shelf. Here is an example for [age and gender classification]({ $link2 }).

# Heading.
other-applications-184a = Other applications

deep-learning-and-neural-479c = Deep learning and neural networks can be applied to ANY problem. It excels at handling large data sets, facilitating automation, image processing, and statistical and mathematical operations, just to name a few areas. It can be applied to any kind of operation and can help find opportunities, solutions, and insights. Depending on your role you may find a different attractor for Caffe2 and deep learning.

business-person-how-can-45dc = Business person - how can it make my company money, save costs, increase margins, find new markets or opportunities

marketing-person-find-new-7dfc = Marketing person - find new markets, target within markets, increase effectiveness of marketing, personalization

product-person-enhance-products-8378 = Product person - enhance products or even create new products with AI and NN at its core

data-person-analyze-massive-8340 = Data person - analyze massive quantities of data to find trends and predictors, and develop new models for any industry

developers-engineers-ultimately-f20f = Developers & engineers - ultimately there will be demand from so many industry sectors to utilize deep learning that incorporating it into platforms will be required even if you're not involved with creating, researching, or refining the deep learning systems themselves

academics-refinement-of-existing-8217 = Academics - refinement of existing models, creation of new models, algorithm development, and more intelligent neural networks are forthcoming and there's a wide open arena of opportunities for academics to help progress DNN and AI.

# $link1 = getting-started
# $link2 = intro-tutorial
# $link3 = AI-Camera-demo-android
ready-to-start-working-b9c7 = Ready to start working with Caffe2? [Install]({ $link1 }) it, or jump ahead to read the [Intro Tutorial]({ $link2 }) or the [AI Camera Demo and Tutorial]({ $link3 }).

# Page fingerprint c142345db8f2e71e, 26 message(s).
