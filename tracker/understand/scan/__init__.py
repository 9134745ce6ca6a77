"""Fast text scanning for the classifier, with the answers of plain ``re``: every curated name
in one pass (``onepass``), and patterns that skip the texts they cannot match and try only the
places a match can start (``prefilter``, reading ``re``'s syntax trees through ``retree``,
``needles`` and ``starts``). Knows no film, person or rule. Imports nothing here.
"""
