"""The PostgreSQL backend: selected by a ``postgres://`` or ``postgresql://`` URL (``DATABASE_URL``)."""

from storage.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
