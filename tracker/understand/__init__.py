"""The understand stage: what one entry is about, from rules and curated data, never the network.

``ingest`` understands one entry as it is stored; ``classify`` runs the extractors; ``lexicon``,
``names`` and ``works`` hold the curated Korean films, series and people (``data/``); ``match``
gives film keys and clusters, and finds syndicated copies; ``record`` is what gets stored and
``version`` stamps it. Pure: no I/O but reading the shipped data. Imports nothing here.
"""
