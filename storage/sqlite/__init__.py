"""The embedded backend: SQLite through aiosqlite in WAL mode (``make chat``, one process with a disk).

``store`` holds the ``Store``; ``scheduled`` the pump's queue (claims under ``BEGIN IMMEDIATE``);
``group_commit`` batches concurrent units of work into one writer call; ``checkpoint`` keeps WAL
checkpoints off the writer and the log bounded. ``storage/postgres/`` is the same contract on PostgreSQL.
"""
