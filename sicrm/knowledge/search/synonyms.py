"""Synonyms (同义词) used at query time: 等保 = 等级保护 = 网络安全等级保护, IPS = 入侵防御系统,
负载均衡 = SLB … An administrator keeps the list (one group of words per line); the
knowledge base's merged keywords add theirs (an alias means its keyword). A query word
that is in a group also finds the group's other words, ranked as the word itself.

Nothing is re-indexed when the list changes: the words are looked up as the user
typed them, and the map is rebuilt in a process when the list or the aliases changed."""
from __future__ import annotations

import threading
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models.base import Audited, utcnow
from sicrm.extensions import db
from sicrm.knowledge.models import Keyword
from sicrm.knowledge.search.analysis import terms

#: what a new installation starts with (the migration writes them)
DEFAULT_GROUPS = (
    "等保 = 等级保护 = 网络安全等级保护",
    "IPS = 入侵防御系统 = 入侵防御",
    "IDS = 入侵检测系统 = 入侵检测",
    "负载均衡 = SLB = 负载均衡器",
    "WAF = Web应用防火墙",
    "防火墙 = firewall",
    "交换机 = switch",
    "路由器 = router",
    "VPN = 虚拟专用网络",
    "UPS = 不间断电源",
    "SDN = 软件定义网络",
    "SD-WAN = 软件定义广域网",
    "信创 = 信息技术应用创新",
    "容灾 = 灾备 = 灾难恢复",
    "堡垒机 = 运维审计系统",
    "超融合 = HCI",
    "数据中心 = 机房 = IDC",
    "ERP = 企业资源计划",
    "OA = 办公自动化",
    "SOC = 安全运营中心",
    "合同 = 合约",
    "报价单 = 报价表",
    "视频监控 = 安防监控",
    "运维 = 维护",
)
MAX_GROUPS = 1000
MAX_WORD = 60
SEPARATORS = ("=", "＝", ",", "，", "、")


class SynonymGroup(Audited, db.Model):
    """One group of words meaning the same, as the administrator wrote it."""

    __tablename__ = "search_synonyms"

    id: Mapped[int] = mapped_column(primary_key=True)
    words: Mapped[str] = mapped_column(String(1000))
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))

    def audit_label(self) -> str:
        return self.words

    def members(self) -> list[str]:
        return split_words(self.words)


def split_words(line: str) -> list[str]:
    for separator in SEPARATORS[1:]:
        line = line.replace(separator, SEPARATORS[0])
    seen: dict[str, None] = {}
    for word in line.split(SEPARATORS[0]):
        word = " ".join(word.split())
        if word and word.lower() not in {w.lower() for w in seen}:
            seen[word] = None
    return list(seen)


class SynonymError(ServiceError):
    """The list cannot be saved as written; the message names the line."""


def parse_groups(text: str) -> list[list[str]]:
    """The groups of `text` (one per line); a line of one word, a word too long or
    a word with nothing searchable in it is refused with its line number."""
    groups = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = split_words(line)
        if len(words) < 2:
            raise SynonymError(_("Line %(line)d: a group needs at least two different "
                                 "words, separated by “=”.", line=number), field="groups")
        for word in words:
            if len(word) > MAX_WORD:
                raise SynonymError(_("Line %(line)d: “%(word)s” is longer than %(max)d "
                                     "characters.", line=number, word=word[:20] + "…",
                                     max=MAX_WORD), field="groups")
            if not terms(word):
                raise SynonymError(_("Line %(line)d: “%(word)s” has nothing to search for.",
                                     line=number, word=word), field="groups")
        groups.append(words)
    if len(groups) > MAX_GROUPS:
        raise SynonymError(_("At most %(count)d groups.", count=MAX_GROUPS), field="groups")
    return groups


def as_text() -> str:
    rows = db.session.scalars(select(SynonymGroup).order_by(SynonymGroup.id)).all()
    return "\n".join(" = ".join(row.members()) for row in rows)


def save_groups(actor, text: str) -> int:
    """Replace the list with the groups of `text`; the number of groups kept."""
    groups = parse_groups(text)
    set_actor(actor)
    existing = {" = ".join(row.members()): row
                for row in db.session.scalars(select(SynonymGroup))}
    wanted = [" = ".join(words) for words in groups]
    for line, row in existing.items():
        if line not in wanted:
            db.session.delete(row)
    for line in wanted:
        if line not in existing:
            db.session.add(SynonymGroup(words=line, updated_by_id=getattr(actor, "id", None)))
            existing[line] = None
    db.session.flush()
    return len(wanted)


# -- the map used by queries -------------------------------------------------------
Terms = tuple[str, ...]
_lock = threading.Lock()
_cache: dict[str, tuple[tuple, dict[Terms, tuple[Terms, ...]]]] = {}


def _version() -> tuple:
    groups = db.session.execute(
        select(func.count(SynonymGroup.id), func.max(SynonymGroup.updated_dt))).one()
    aliases = db.session.execute(
        select(func.count(Keyword.id), func.max(Keyword.id), func.sum(Keyword.merged_into_id))
        .where(Keyword.merged_into_id.is_not(None))).one()
    return tuple(groups) + tuple(aliases)


def keyword_aliases() -> list[tuple[str, str]]:
    """(alias, keyword) of the knowledge base's merged keywords: synonyms too."""
    target = Keyword.__table__.alias("target")
    return [tuple(row) for row in db.session.execute(
        select(Keyword.name, target.c.name)
        .join(target, target.c.id == Keyword.merged_into_id).order_by(target.c.name))]


def build_map(groups) -> dict[Terms, tuple[Terms, ...]]:
    """analysed words → the analysed words of every group they are in (no database:
    `groups` are lists of words as written)."""
    found: dict[Terms, set[Terms]] = {}
    for words in groups:
        analysed = {tuple(terms(word)) for word in words} - {()}
        for key in analysed:
            found.setdefault(key, set()).update(analysed - {key})
    return {key: tuple(sorted(others)) for key, others in found.items() if others}


def _build() -> dict[Terms, tuple[Terms, ...]]:
    groups = [row.members() for row in db.session.scalars(select(SynonymGroup))]
    groups.extend([alias, keyword] for alias, keyword in keyword_aliases())
    return build_map(groups)


def synonym_map() -> dict[Terms, tuple[Terms, ...]]:
    """analysed words → the analysed words meaning the same; one small query per call
    to see whether the list changed (kept per database)."""
    key = str(db.engine.url)
    version = _version()
    cached = _cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        built = _build()
        _cache[key] = (version, built)
    return built
