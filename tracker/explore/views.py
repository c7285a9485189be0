"""The explore pages: read-only, server-rendered, charts drawn by ECharts from ``json_script`` data.

Each page renders its figures as HTML tables too (what a screen reader, a
browser without scripts or a copy-and-paste gets); the chart scripts live in
static files (no inline script, so a Content-Security-Policy can forbid them)
and read the same data from a ``<script type="application/json">`` element.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from tracker import selectors as tracker_selectors
from tracker.explore import selectors
from tracker.explore.access import article_url, reader_required
from tracker.explore.forms import MatrixForm, NetworkForm

# A pair's timeline shows its newest records, up to this many of each kind; the
# per-year chart above it counts them all.
TIMELINE_LIMIT = 300


def _common(request: HttpRequest) -> dict:
    return {"refreshed_at": tracker_selectors.relations_refreshed_at(), "statuses": selectors.STATUSES}


def _form_context(form) -> dict:
    first, last = selectors.year_bounds()
    return {"form": form, "first_year": first, "last_year": last, "weapon_names": selectors.weapon_names()}


@reader_required
def matrix(request: HttpRequest) -> HttpResponse:
    form = MatrixForm(request.GET or None)
    context = {**_common(request), **_form_context(form), "matrix": None}
    if request.GET and not form.is_valid():
        return render(request, "explore/matrix.html", context, status=400)
    filters = form.filters() if request.GET else selectors.RelationFilters()
    top = (form.cleaned_data.get("top") if request.GET else None) or 25
    result = selectors.relation_matrix(filters=filters, top=top)
    cells = {(c["supplier"], c["recipient"]): c for c in result.cells}
    empty = {"transfers": 0, "statements": 0}
    rows = [{"supplier": s, "cells": [
        {"recipient": r, "url": reverse("explore:pair", args=[s["code"], r["code"]]),
         "transfers": (cell := cells.get((s["code"], r["code"]), empty))["transfers"], "statements": cell["statements"]}
        for r in result.recipients]}
        for s in result.suppliers]
    chart = {
        "suppliers": [s["code"] for s in result.suppliers],
        "recipients": [r["code"] for r in result.recipients],
        "names": {a["code"]: a["name"] for a in result.suppliers + result.recipients},
        "cells": [{**c, "url": reverse("explore:pair", args=[c["supplier"], c["recipient"]])} for c in result.cells],
        "statements_counted": filters.counts_statements,
    }
    context.update(matrix=result, rows=rows, chart=chart, filters=filters)
    return render(request, "explore/matrix.html", context)


def _actor(code: str):
    actor = selectors.actor_by_code(code)
    if actor is None:
        raise Http404(f"No actor with the code {code!r}.")
    return actor


def _article(request: HttpRequest, article) -> dict:
    return {"id": article.pk, "title": article.title or f"Article {article.pk}", "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "url": article_url(request, article.pk)}


def _statement_item(request: HttpRequest, s) -> dict:
    speaker = s.speaker.name if s.speaker else s.speaker_name
    return {"kind": "statement", "id": s.pk, "date": s.article.published.isoformat() if s.article.published else None,
            "speaker": speaker, "title": s.speaker.title if s.speaker else "", "direct_quote": s.direct_quote,
            "evidence": s.evidence, "review_state": s.review_state, "article": _article(request, s.article)}


@reader_required
def pair(request: HttpRequest, supplier: str, recipient: str) -> HttpResponse:
    sup, rec = _actor(supplier), _actor(recipient)
    transfers = selectors.pair_transfers(supplier=sup, recipient=rec, limit=TIMELINE_LIMIT)
    statements = selectors.pair_statements(supplier=sup, recipient=rec, limit=TIMELINE_LIMIT)
    items = [
        {"kind": "transfer", "id": t.pk, "date": t.article.published.isoformat() if t.article.published else None,
         "status": t.status, "weapons": t.weapons, "evidence": t.evidence, "review_state": t.review_state,
         "article": _article(request, t.article)}
        for t in transfers
    ] + [_statement_item(request, s) for s in statements]
    # Room for what a pair will also have once deals are recorded (issue 17): more
    # kinds of item on the same time axis, each with its evidence.
    timeline = {"supplier": sup.code, "recipient": rec.code, "statuses": list(selectors.STATUSES), "items": items,
                "years": selectors.pair_years(supplier=sup, recipient=rec)}
    context = {
        **_common(request), "supplier": sup, "recipient": rec, "timeline": timeline,
        "transfers": [i for i in items if i["kind"] == "transfer"],
        "statements": [i for i in items if i["kind"] == "statement"],
        "totals": selectors.pair_totals(supplier=sup, recipient=rec), "limit": TIMELINE_LIMIT,
        "undated": sum(1 for i in items if i["date"] is None),
        "reverse_url": reverse("explore:pair", args=[rec.code, sup.code]),
    }
    return render(request, "explore/pair.html", context)


@reader_required
def actor(request: HttpRequest, code: str) -> HttpResponse:
    subject = _actor(code)
    officials, official_count = selectors.actor_officials(actor=subject)
    statements = [_statement_item(request, s) for s in selectors.actor_statements(actor=subject)]
    years = selectors.actor_years(actor=subject)
    context = {
        **_common(request), "actor": subject, "years": years, "partners": selectors.actor_partners(actor=subject),
        "officials": officials, "official_count": official_count, "statements": statements,
        "chart": {"code": subject.code, "statuses": list(selectors.STATUSES), **years},
    }
    return render(request, "explore/actor.html", context)


@reader_required
def network(request: HttpRequest) -> HttpResponse:
    form = NetworkForm(request.GET or None)
    context = {**_common(request), **_form_context(form), "graph": None}
    if request.GET and not form.is_valid():
        return render(request, "explore/network.html", context, status=400)
    filters = form.filters() if request.GET else selectors.RelationFilters()
    links = (form.cleaned_data.get("links") if request.GET else None) or 150
    graph = selectors.relation_network(filters=filters, links=links)
    for node in graph["nodes"]:
        node["url"] = reverse("explore:actor", args=[node["code"]])
    for link in graph["links"]:
        link["url"] = reverse("explore:pair", args=[link["supplier"], link["recipient"]])
    context.update(graph=graph, filters=filters)
    return render(request, "explore/network.html", context)
