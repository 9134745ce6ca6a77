"""The digest stage: a week -> its stored, understood entries -> a ``Digest`` -> HTML and text.

``pipeline`` runs the steps in order over storage; ``window``, ``select``, ``build``,
``coverage`` and ``explain`` are the steps, ``render`` the templates. Imports nothing here.
"""
