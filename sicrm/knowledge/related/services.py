"""Related knowledge: what to show next to a project, pins, dismissals and links.

Suggestions come from the search index: the project's name, customer and category
as a more-like-this query over articles the user may read, articles of the
project's industry ranking higher. Then the team's verdicts: pinned articles lead,
dismissed ones never come back for that project, and pins/dismissals on other
projects of the same industry move an article up or down ("the ranking remembers").
Articles linked by hand to the project or to its customer always show."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select

from sicrm.core.errors import ServiceError
from sicrm.core.models import Organization
from sicrm.extensions import db
from sicrm.knowledge import permissions as KP
from sicrm.knowledge.models import Article
from sicrm.knowledge.related.models import MARKS, KnowledgeLink, RelatedMark
from sicrm.knowledge.search import engine
from sicrm.projects import history
from sicrm.projects import permissions as PP
from sicrm.projects.models import Project
from sicrm.projects.services.events import record

history.MESSAGES.update({
    "knowledge_pinned": _l("Pinned the knowledge article “%(article)s”."),
    "knowledge_dismissed": _l("Dismissed the suggested knowledge article “%(article)s”."),
    "knowledge_unmarked": _l("Took back the verdict on the knowledge article “%(article)s”."),
    "knowledge_linked": _l("Linked the knowledge article “%(article)s”."),
    "knowledge_unlinked": _l("Unlinked the knowledge article “%(article)s”."),
    # told to a reader who may not read the article: no title
    "knowledge_pinned_restricted": _l("Pinned a restricted knowledge article."),
    "knowledge_dismissed_restricted": _l("Dismissed a restricted knowledge article."),
    "knowledge_unmarked_restricted": _l("Took back the verdict on a restricted knowledge "
                                        "article."),
    "knowledge_linked_restricted": _l("Linked a restricted knowledge article."),
    "knowledge_unlinked_restricted": _l("Unlinked a restricted knowledge article."),
})
HISTORY_KINDS = ("knowledge_pinned", "knowledge_dismissed", "knowledge_unmarked",
                 "knowledge_linked", "knowledge_unlinked")


def hidden_article_events(reader, events) -> set:
    """The events naming an article `reader` may not read (the same SQL as the
    article lists). Events written before they kept the article's id are matched by
    title: shown when the reader may read an article of that title."""
    ids = {e.params.get("article_id") for e in events} - {None}
    titles = {e.params.get("article") for e in events
              if e.params.get("article_id") is None} - {None}
    if not ids and not titles:
        return {e.id for e in events}
    readable = db.session.execute(select(Article.id, Article.title).where(
        or_(Article.id.in_(ids), Article.title.in_(titles)),
        KP.readable_article_filter(reader))).all()
    readable_ids = {row.id for row in readable}
    readable_titles = {row.title for row in readable}
    return {e.id for e in events
            if (e.params.get("article_id") not in readable_ids
                if e.params.get("article_id") is not None
                else e.params.get("article") not in readable_titles)}


history.register_references(HISTORY_KINDS, hidden_article_events)

#: each pin (dismissal) on a project of the same industry multiplies the score by
#: 1 + WEIGHT (divides it)
WEIGHT = 0.5
#: suggestions fetched per article shown, before verdicts and re-ranking
OVERFETCH = 3


@dataclass
class Related:
    article: Article
    #: pinned, linked, suggested
    reason: str
    snippet: object = ""
    #: RelatedMark.mark on this project, if any
    mark: str | None = None


def _readable_articles(user, ids) -> dict[int, Article]:
    if not ids:
        return {}
    rows = db.session.scalars(select(Article).where(
        Article.id.in_(sorted(set(ids))), Article.status == "published",
        KP.readable_article_filter(user)))
    return {article.id: article for article in rows}


def project_text(project: Project) -> str:
    customer = project.customer.name if project.customer else ""
    return " ".join(part for part in (project.name, customer, project.category or "") if part)


def for_project(user, project: Project, limit: int = 8) -> list[Related]:
    """What to show on the project's knowledge tab, best first (a fixed number of
    queries, whatever the size of the knowledge base)."""
    marks = {row.article_id: row.mark for row in db.session.execute(
        select(RelatedMark.article_id, RelatedMark.mark).where(
            RelatedMark.project_id == project.id))}
    linked = set(db.session.scalars(select(KnowledgeLink.article_id).where(or_(
        KnowledgeLink.project_id == project.id,
        and_(KnowledgeLink.organization_id.is_not(None),
             KnowledgeLink.organization_id == project.customer_id)))))
    pinned = {aid for aid, mark in marks.items() if mark == "pinned"}
    try:
        hits = engine.more_like_text(user, project_text(project), kinds=("article",),
                                     limit=limit * OVERFETCH, industry=project.industry)
    except OSError:  # no index yet: pinned and linked articles still show
        hits = []
    suggested = [hit for hit in hits if marks.get(hit.id) != "dismissed"
                 and hit.id not in pinned and hit.id not in linked]
    scores = _remembered([hit.id for hit in suggested], project, {h.id: h.score for h in suggested})
    suggested.sort(key=lambda hit: -scores[hit.id])
    snippets = {hit.id: hit.snippet for hit in suggested}
    order = [(aid, "pinned") for aid in sorted(pinned)]
    order += [(aid, "linked") for aid in sorted(linked - pinned)]
    order += [(hit.id, "suggested") for hit in suggested]
    articles = _readable_articles(user, [aid for aid, _reason in order])
    result, seen = [], set()
    for aid, reason in order:
        if aid in articles and aid not in seen:
            seen.add(aid)
            result.append(Related(articles[aid], reason, snippets.get(aid, ""), marks.get(aid)))
    pinned_or_linked = [r for r in result if r.reason != "suggested"]
    return pinned_or_linked + [r for r in result if r.reason == "suggested"][
        :max(0, limit - len(pinned_or_linked))]


def _remembered(ids, project: Project, scores: dict[int, float]) -> dict[int, float]:
    """Scores moved by verdicts on other projects of the same industry."""
    if not ids or not project.industry:
        return dict(scores)
    rows = db.session.execute(
        select(RelatedMark.article_id, RelatedMark.mark, func.count(RelatedMark.id))
        .join(Project, Project.id == RelatedMark.project_id)
        .where(RelatedMark.article_id.in_(ids), Project.industry == project.industry,
               Project.id != project.id)
        .group_by(RelatedMark.article_id, RelatedMark.mark)).all()
    pins, dismissals = Counter(), Counter()
    for article_id, mark, count in rows:
        (pins if mark == "pinned" else dismissals)[article_id] += count
    return {aid: score * (1 + WEIGHT * pins[aid]) / (1 + WEIGHT * dismissals[aid])
            for aid, score in scores.items()}


# -- verdicts and links ------------------------------------------------------------
def _ensure(user, project: Project, article: Article) -> None:
    if not PP.can_edit(user, project):
        raise ServiceError(_l("Only the project's team may change its related knowledge."))
    if not KP.can_read(user, article) or article.status != "published":
        raise ServiceError(_l("This article is not available."))


def mark(actor, project: Project, article: Article, verdict: str | None) -> RelatedMark | None:
    """Pin or dismiss `article` on `project`; None takes the verdict back."""
    _ensure(actor, project, article)
    if verdict is not None and verdict not in MARKS:
        raise ServiceError(_l("Unknown choice."))
    existing = db.session.scalar(select(RelatedMark).where(
        RelatedMark.project_id == project.id, RelatedMark.article_id == article.id))
    if verdict is None:
        if existing is not None:
            db.session.delete(existing)
            record(project, "knowledge_unmarked", actor, article=article.title,
                   article_id=article.id)
        return None
    if existing is None:
        existing = RelatedMark(project_id=project.id, article_id=article.id)
        db.session.add(existing)
    elif existing.mark == verdict:
        return existing
    existing.mark = verdict
    existing.user_id = actor.id
    record(project, f"knowledge_{verdict}", actor, article=article.title,
           article_id=article.id)
    db.session.flush()
    return existing


def link_project(actor, project: Project, article: Article) -> KnowledgeLink:
    _ensure(actor, project, article)
    existing = db.session.scalar(select(KnowledgeLink).where(
        KnowledgeLink.project_id == project.id, KnowledgeLink.article_id == article.id))
    if existing is not None:
        return existing
    link = KnowledgeLink(article_id=article.id, project_id=project.id, created_by_id=actor.id)
    db.session.add(link)
    record(project, "knowledge_linked", actor, article=article.title,
           article_id=article.id)
    db.session.flush()
    return link


def link_organization(actor, org: Organization, article: Article) -> KnowledgeLink:
    """Link an article to an organisation: those who may edit the article."""
    if not KP.can_edit(actor, article):
        raise ServiceError(_l("Only the article's editors may link it."))
    existing = db.session.scalar(select(KnowledgeLink).where(
        KnowledgeLink.organization_id == org.id, KnowledgeLink.article_id == article.id))
    if existing is not None:
        return existing
    link = KnowledgeLink(article_id=article.id, organization_id=org.id,
                         created_by_id=actor.id)
    db.session.add(link)
    db.session.flush()
    return link


def can_unlink(user, link: KnowledgeLink) -> bool:
    if link.project is not None and PP.can_edit(user, link.project):
        return True
    return KP.can_edit(user, link.article)


def unlink(actor, link: KnowledgeLink) -> None:
    if not can_unlink(actor, link):
        raise ServiceError(_l("You may not remove this link."))
    if link.project is not None:
        record(link.project, "knowledge_unlinked", actor, article=link.article.title,
               article_id=link.article_id)
    db.session.delete(link)
    db.session.flush()


def find_target(text: str | None) -> Project | Organization:
    """A project by its code or an organisation by its exact name or short name."""
    text = (text or "").strip()
    if not text:
        raise ServiceError(_l("Enter a project code or an organisation's name."), "target")
    project = db.session.scalar(select(Project).where(Project.code == text))
    if project is not None:
        return project
    org = db.session.scalar(select(Organization).where(or_(
        Organization.name == text, Organization.short_name == text)).limit(1))
    if org is not None:
        return org
    raise ServiceError(_l("No project with the code “%(text)s” and no organisation named so.",
                          text=text), "target")


# -- what an article is linked to --------------------------------------------------
@dataclass
class ArticleLinks:
    projects: list[tuple[Project, KnowledgeLink | None, str]]
    organizations: list[tuple[Organization, KnowledgeLink]]


def for_article(user, article: Article) -> ArticleLinks:
    """Projects (linked, pinned on, promoted from) and organisations the article is
    linked to; of the projects only those the user may see, without a count of the
    others."""
    links = db.session.scalars(select(KnowledgeLink).where(
        KnowledgeLink.article_id == article.id)).all()
    pinned_on = set(db.session.scalars(select(RelatedMark.project_id).where(
        RelatedMark.article_id == article.id, RelatedMark.mark == "pinned")))
    project_links = {link.project_id: link for link in links if link.project_id}
    wanted = set(project_links) | pinned_on
    if article.origin_project_id:
        wanted.add(article.origin_project_id)
    projects = db.session.scalars(select(Project).where(
        Project.id.in_(sorted(wanted)), PP.visible_filter(user)).order_by(Project.code)).all()
    shown = []
    for project in projects:
        reason = ("linked" if project.id in project_links else
                  "origin" if project.id == article.origin_project_id else "pinned")
        shown.append((project, project_links.get(project.id), reason))
    org_ids = [link.organization_id for link in links if link.organization_id]
    orgs = {org.id: org for org in db.session.scalars(
        select(Organization).where(Organization.id.in_(org_ids)))} if org_ids else {}
    organizations = [(orgs[link.organization_id], link) for link in links
                     if link.organization_id in orgs]
    return ArticleLinks(shown, organizations)


def for_organization(user, org: Organization) -> list[Article]:
    """Readable articles linked by hand to `org`."""
    return db.session.scalars(
        select(Article).join(KnowledgeLink, KnowledgeLink.article_id == Article.id)
        .where(KnowledgeLink.organization_id == org.id, Article.status == "published",
               KP.readable_article_filter(user))
        .order_by(Article.title)).all()

