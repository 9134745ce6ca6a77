"""What the parse workers' fork server loads before it forks any worker: the parser and the
classifier, with the classifier's lexicon built and its patterns compiled (``warm``), so every
worker starts ready instead of paying for them on its first document.

Importing this module does that work: it is meant for ``set_forkserver_preload`` only, and
nothing else imports it. Must not start anything or hold resources (a fork copies them).
"""

from __future__ import annotations

from tracker.poll.workers import warm

warm()
