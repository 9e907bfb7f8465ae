"""Related knowledge shown on other packages' pages: an article's links (on the
article page) and an organisation's linked articles (a section of its page)."""
from __future__ import annotations

from flask import render_template
from flask_login import current_user
from markupsafe import Markup

from sicrm.core.forms import ConfirmForm
from sicrm.knowledge import permissions as KP
from sicrm.knowledge.related import services
from sicrm.knowledge.related.forms import LinkTargetForm
from sicrm.knowledge.search import engine
from sicrm.projects import permissions as PP


def article_links_panel(article) -> Markup:
    """Similar articles (more-like-this) and what the article is linked to."""
    links = services.for_article(current_user, article)
    try:
        similar = engine.more_like_this(current_user, "article", article.id,
                                        kinds=("article",), limit=5)
    except OSError:  # no index yet
        similar = []
    return Markup(render_template(
        "related/_article_links.html", article=article, links=links, similar=similar,
        can_link=KP.can_read(current_user, article), link_form=LinkTargetForm(),
        form=ConfirmForm(), can_unlink=services.can_unlink, can_edit_project=PP.can_edit))


def organization_section(user, org) -> Markup | None:
    articles = services.for_organization(user, org)
    if not articles:
        return None
    return Markup(render_template("related/_org_section.html", org=org, articles=articles))
