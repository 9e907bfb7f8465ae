"""The PostgreSQL backend's tables. Portable, so that one schema serves both
databases (migrations and models agree on SQLite too): on PostgreSQL the scope and
keyword columns are text[] arrays, the catalogs int[], the vector a tsvector, with GIN
indexes; on SQLite they are plain text and nothing uses them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from sicrm.extensions import db

WORDS = Text().with_variant(ARRAY(Text()), "postgresql")
NUMBERS = Text().with_variant(ARRAY(Integer()), "postgresql")
VECTOR = Text().with_variant(TSVECTOR(), "postgresql")


class SearchEntry(db.Model):
    """One record as the PostgreSQL backend holds it (written in the record's own
    transaction)."""

    __tablename__ = "search_index"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    object_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: the scope words whose readers may read it (matched with && on PostgreSQL)
    scope = mapped_column(WORDS, nullable=False)
    name: Mapped[str] = mapped_column(Text, default="")
    subtitle: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[int | None] = mapped_column(Integer)
    #: stored for snippets: the body and the attachments' text, cut
    text: Mapped[str] = mapped_column(Text, default="")
    keywords = mapped_column(WORDS, nullable=False)
    catalogs = mapped_column(NUMBERS, nullable=False)
    industry: Mapped[str | None] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[datetime | None] = mapped_column(DateTime)
    #: title and keywords weighted A, the body B, attachments C
    vector = mapped_column(VECTOR, nullable=False)
    #: the title, keywords and the body's first words: small enough to be read for
    #: ranking every match (the full vector, with attachments, is only matched)
    rank_vector = mapped_column(VECTOR, nullable=False)

    __table_args__ = (
        Index("ix_search_index_vector", "vector", postgresql_using="gin"),
        Index("ix_search_index_scope", "scope", postgresql_using="gin"),
    )


class SearchWord(db.Model):
    """A word some record held (unstemmed), for "did you mean"; never removed (a
    correction is only offered when it finds something readable)."""

    __tablename__ = "search_words"

    word: Mapped[str] = mapped_column(String(200), primary_key=True)
    #: its first character: corrections keep it, and look only here
    head: Mapped[str] = mapped_column(String(1), index=True)
