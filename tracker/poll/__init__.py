"""The poll stage: due feeds -> fetch -> parse and understand (in worker processes) -> store.

``update`` orchestrates one cycle, ``decide`` holds its pure decisions, ``workers`` the parser
processes, and ``fetch`` (with ``transport``, ``body``, ``failures``, ``addresses``) is the HTTP
client. Imports nothing here, so naming a submodule costs only that submodule.
"""
