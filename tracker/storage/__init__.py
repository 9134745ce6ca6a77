"""The storage stage: everything kfilm-tracker keeps, in SQLite or PostgreSQL.

``protocol.Storage`` is the one interface every caller types against (any method can raise
``StorageError``); ``sql.open_storage(url)`` builds the SQLAlchemy implementation, which only the
wiring (``tracker.app``) and the tests do. Inside: ``database`` (engine, transactions, errors),
``engine`` (URLs, backends, migrations), ``schema`` (tables), and one store per thing stored:
``feeds``, ``entries``, ``films``, ``ledger``, ``health`` (the runs). SQLAlchemy and Alembic
are imported here and nowhere else; this file imports nothing, so reading the Protocol costs
no start-up time.
"""
