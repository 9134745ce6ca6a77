"""What the parse workers' fork server loads before it forks any worker: the parent's main
script (the ``tracker`` command), the parser and the classifier, with the classifier's lexicon
built and its patterns compiled (``warm``), so every worker starts ready instead of paying for
them on its first document.

Importing this module does that work: it is meant for ``set_forkserver_preload`` only, and
nothing else imports it. Must not start anything or hold resources (a fork copies them).
"""

from __future__ import annotations

import contextlib
import os
from multiprocessing import spawn

from tracker.poll.workers import MAIN_PATH, warm

# what multiprocessing's fork server means to do with "__main__" in its preload list, and
# Python 3.11 does not (``workers._main_path``): load the parent's main script, so that no
# worker loads it again after its fork
_main = os.environ.pop(MAIN_PATH, None)
if _main:
    # a script that cannot load here (it reads the parent's arguments, which only a worker is
    # given) is left to each worker, after its fork, as before
    with contextlib.suppress(Exception, SystemExit):
        spawn.import_main_path(_main)

warm()
