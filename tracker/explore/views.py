"""The explore pages: read-only, server-rendered, charts drawn by ECharts from JSON data in the page.

Each page renders its figures as HTML tables too (what a screen reader, a
browser without scripts or a copy-and-paste gets); the chart scripts live in
static files (no inline script, so a Content-Security-Policy can forbid them)
and read the same data from a ``<script type="application/json">`` element.
Aggregates come from the relation summaries, computed once per summary
generation (``selectors.summary_cached``); the large repeated parts of a page
(the matrix table, evidence rows, chart data) are written by
``tracker.explore.rendering``.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.explore import rendering, selectors
from tracker.explore.access import article_url, reader_required
from tracker.explore.forms import MatrixForm, NetworkForm

# A pair's timeline shows its newest records, up to this many of each kind; the
# per-year chart above it counts them all.
TIMELINE_LIMIT = 300
# What the pair's chart reads of each item (the rest is in its table row).
_CHART_FIELDS = frozenset({"kind", "id", "date", "status", "weapons", "speaker", "title", "direct_quote"})


def _common(generation: selectors.Generation) -> dict:
    return {"refreshed_at": generation.refreshed_at, "statuses": selectors.STATUSES}


def _form_context(generation: selectors.Generation, form) -> dict:
    return {"form": form, **selectors.summary_cached(generation, selectors.filter_choices)}


@reader_required
def matrix(request: HttpRequest) -> HttpResponse:
    generation = selectors.summary_generation()
    form = MatrixForm(request.GET or None)
    context = {**_common(generation), **_form_context(generation, form), "matrix": None}
    if request.GET and not form.is_valid():
        return render(request, "explore/matrix.html", context, status=400)
    filters = form.filters() if request.GET else selectors.RelationFilters()
    top = (form.cleaned_data.get("top") if request.GET else None) or 25
    result = selectors.summary_cached(generation, selectors.relation_matrix, filters=filters, top=top)
    pair_url, actor_url = rendering.route("explore:pair", 2), rendering.route("explore:actor", 1)
    cells = {(c["supplier"], c["recipient"]): c for c in result.cells}
    head, body = rendering.matrix_table(suppliers=result.suppliers, recipients=result.recipients, cells=cells,
                                        pair_url=pair_url, actor_url=actor_url)
    chart = {
        "suppliers": [s["code"] for s in result.suppliers],
        "recipients": [r["code"] for r in result.recipients],
        "names": {a["code"]: a["name"] for a in result.suppliers + result.recipients},
        "cells": [{**c, "url": pair_url(c["supplier"], c["recipient"])} for c in result.cells],
        "statements_counted": filters.counts_statements,
    }
    context.update(matrix=result, chart=chart, chart_data=rendering.json_script(chart, "matrix-data"),
                   table_head=head, table_body=body, filters=filters)
    return render(request, "explore/matrix.html", context)


def _actor(code: str):
    actor = selectors.actor_by_code(code)
    if actor is None:
        raise Http404(f"No actor with the code {code!r}.")
    return actor


def _date(day) -> str | None:
    return day.isoformat() if day else None


def _article(row: dict, url) -> dict:
    pk = row["article_id"]
    return {"id": pk, "title": row["article__title"] or f"Article {pk}", "source": row["article__source"],
            "published": _date(row["article__published"]), "url": url(pk)}


def _transfer_item(t: dict, url) -> dict:
    return {"kind": "transfer", "id": t["id"], "date": _date(t["article__published"]), "status": t["status"],
            "weapons": t["weapons"], "evidence": t["evidence"], "review_state": t["review_state"],
            "article": _article(t, url)}


def _statement_item(s: dict, url) -> dict:
    named = s["speaker__name"] is not None
    return {"kind": "statement", "id": s["id"], "date": _date(s["article__published"]),
            "speaker": s["speaker__name"] if named else s["speaker_name"],
            "title": (s["speaker__title"] or "") if named else "", "direct_quote": s["direct_quote"],
            "evidence": s["evidence"], "review_state": s["review_state"], "article": _article(s, url)}


@reader_required
def pair(request: HttpRequest, supplier: str, recipient: str) -> HttpResponse:
    generation = selectors.summary_generation()
    sup, rec = _actor(supplier), _actor(recipient)
    url = article_url(request)
    transfers = [_transfer_item(t, url)
                 for t in selectors.pair_transfers(supplier=sup, recipient=rec, limit=TIMELINE_LIMIT)]
    statements = [_statement_item(s, url)
                  for s in selectors.pair_statements(supplier=sup, recipient=rec, limit=TIMELINE_LIMIT)]
    items = transfers + statements
    # Room for what a pair will also have once deals are recorded (issue 17): more
    # kinds of item on the same time axis, each with its evidence. The chart's data
    # holds what places and names a mark; its evidence and article are read from
    # the item's table row (pair.js), not written into the page twice.
    timeline = {"supplier": sup.code, "recipient": rec.code, "statuses": list(selectors.STATUSES),
                "items": [{k: v for k, v in i.items() if k in _CHART_FIELDS} for i in items],
                "years": selectors.pair_years(supplier=sup, recipient=rec)}
    context = {
        **_common(generation), "supplier": sup, "recipient": rec, "timeline": timeline,
        "timeline_data": rendering.json_script(timeline, "timeline-data"),
        "transfers": transfers, "statements": statements,
        "transfer_rows": rendering.evidence_rows(transfers), "statement_rows": rendering.evidence_rows(statements),
        "year_rows": rendering.year_rows(timeline["years"], by_status=True),
        "totals": selectors.pair_totals(supplier=sup, recipient=rec), "limit": TIMELINE_LIMIT,
        "undated": sum(1 for i in items if i["date"] is None),
        "reverse_url": rendering.route("explore:pair", 2)(rec.code, sup.code),
    }
    return render(request, "explore/pair.html", context)


def _partner_links(subject, partners: dict[str, list[dict]]) -> dict[str, list[dict]]:
    actor_url, pair_url = rendering.route("explore:actor", 1), rendering.route("explore:pair", 2)
    return {
        "recipients": [{**p, "url": actor_url(p["code"]), "pair_url": pair_url(subject.code, p["code"])}
                       for p in partners["recipients"]],
        "suppliers": [{**p, "url": actor_url(p["code"]), "pair_url": pair_url(p["code"], subject.code)}
                      for p in partners["suppliers"]],
    }


@reader_required
def actor(request: HttpRequest, code: str) -> HttpResponse:
    generation = selectors.summary_generation()
    subject = _actor(code)
    officials, official_count = selectors.actor_officials(actor=subject)
    url = article_url(request)
    statements = [_statement_item(s, url) for s in selectors.actor_statements(actor=subject)]
    years = selectors.actor_years(actor=subject)
    chart = {"code": subject.code, "statuses": list(selectors.STATUSES), **years}
    partners = _partner_links(subject, selectors.summary_cached(generation, selectors.actor_partners, actor=subject))
    tables = {
        "supplied": rendering.year_rows(years["supplied"]), "received": rendering.year_rows(years["received"]),
        "recipients": rendering.partner_rows(partners["recipients"], actor=subject.code, side="recipient"),
        "suppliers": rendering.partner_rows(partners["suppliers"], actor=subject.code, side="supplier"),
        "officials": rendering.official_items(officials),
    }
    context = {
        **_common(generation), "actor": subject, "years": years, "partners": partners, "tables": tables,
        "officials": officials, "official_count": official_count, "statements": statements,
        "statement_rows": rendering.evidence_rows(statements),
        "chart": chart, "chart_data": rendering.json_script(chart, "actor-data"),
    }
    return render(request, "explore/actor.html", context)


@reader_required
def network(request: HttpRequest) -> HttpResponse:
    generation = selectors.summary_generation()
    form = NetworkForm(request.GET or None)
    context = {**_common(generation), **_form_context(generation, form), "graph": None}
    if request.GET and not form.is_valid():
        return render(request, "explore/network.html", context, status=400)
    filters = form.filters() if request.GET else selectors.RelationFilters()
    links = (form.cleaned_data.get("links") if request.GET else None) or 150
    graph = selectors.summary_cached(generation, selectors.relation_network, filters=filters, links=links)
    pair_url, actor_url = rendering.route("explore:pair", 2), rendering.route("explore:actor", 1)
    graph = {"nodes": [{**n, "url": actor_url(n["code"])} for n in graph["nodes"]],
             "links": [{**link, "url": pair_url(link["supplier"], link["recipient"])} for link in graph["links"]]}
    context.update(graph=graph, graph_data=rendering.json_script(graph, "network-data"),
                   link_rows=rendering.link_rows(graph["links"], actor_url), filters=filters)
    return render(request, "explore/network.html", context)
