"""The explore pages' large repeated parts, written in Python: the matrix table, evidence rows, chart data.

A 25 x 25 matrix or a timeline of hundreds of records is thousands of template
nodes, each a context lookup, and thousands of ``reverse()`` calls for their
links; these functions write the same markup from strings, reversing each
route once per request (``route``). Every value from the database goes through
``html.escape``, as the template engine's autoescape would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from urllib.parse import quote

import orjson
from django.urls import reverse
from django.utils.safestring import SafeString

from tracker.explore.selectors import STATUSES

# What reverse() leaves unquoted in a path segment (RFC 3986 sub-delimiters, ":", "@", "~").
_SEGMENT_SAFE = "!$&'()*+,;=~:@"
_QUOTE_TAG = ' <span class="tag">quote</span>'


def json_script(value: object, element_id: str) -> SafeString:
    """``value`` as JSON in a ``<script type="application/json">`` element, as ``json_script`` writes it."""
    # What Django's json_script escapes, so that the data cannot close its <script>
    # element; str.replace rather than str.translate, which maps character by character.
    text = orjson.dumps(value).decode().replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return SafeString(f'<script id="{escape(element_id)}" type="application/json">{text}</script>')


def route(name: str, arity: int) -> Callable[..., str]:
    """A function of ``arity`` path segments giving ``reverse(name, args=...)``, reversing only once.

    Each URL is made once per function (a matrix links each pair from its table and its chart).
    """
    marks = [f"__arg{i}__" for i in range(arity)]
    pattern = reverse(name, args=marks)
    made: dict[tuple, str] = {}

    def url(*args: object) -> str:
        if args not in made:
            out = pattern
            for mark, value in zip(marks, map(str, args), strict=True):
                segment = value if value.isascii() and value.isalnum() else quote(value, safe=_SEGMENT_SAFE)
                out = out.replace(mark, segment, 1)
            made[args] = out
        return made[args]

    return url


def matrix_table(*, suppliers: list[dict], recipients: list[dict], cells: dict[tuple[str, str], dict],
                 pair_url: Callable[[str, str], str], actor_url: Callable[[str], str]) -> tuple[SafeString, SafeString]:
    """The head row and the body of the matrix's table: a link per non-empty cell to its pair."""
    head = "".join(f'<th scope="col"><a href="{actor_url(r["code"])}" title="{escape(r["name"])}">'
                   f'{escape(r["code"])}</a></th>' for r in recipients)
    columns = [(r["code"], escape(r["code"]), escape(r["name"])) for r in recipients]
    rows = []
    for s in suppliers:
        code, shown, name = s["code"], escape(s["code"]), escape(s["name"])
        out = [f'<tr><th scope="row"><a href="{actor_url(code)}" title="{name}">{shown}</a></th>']
        for other, other_shown, other_name in columns:
            cell = cells.get((code, other))
            if cell is None or not (cell["transfers"] or cell["statements"]):
                out.append("<td></td>")
                continue
            t, st = cell["transfers"], cell["statements"]
            out.append(f'<td><a href="{pair_url(code, other)}" data-pair="{shown}-{other_shown}"'
                       f' title="{name} → {other_name}: {t} transfers, {st} statements">{t + st}</a></td>')
        out.append("</tr>")
        rows.append("".join(out))
    return SafeString(head), SafeString("\n".join(rows))


def evidence_rows(items: Iterable[dict]) -> SafeString:
    """Table rows of transfers or statements (the explore views' item dicts) with their evidence and article."""
    rows = []
    for item in items:
        date = item["date"]
        when = f'<time datetime="{date}">{date}</time>' if date else "no date"
        if item["kind"] == "transfer":
            status = escape(item["status"])
            what = (f'<td><span class="status-tag status-{status}">{status}</span></td>'
                    f'<td>{escape(", ".join(item["weapons"]))}</td>')
        else:
            what = (f'<td>{escape(item["speaker"] or "")}{", " + escape(item["title"]) if item["title"] else ""}'
                    f'{_QUOTE_TAG if item["direct_quote"] else ""}</td>')
        article = item["article"]
        source = f' ({escape(article["source"])})' if article["source"] else ""
        rows.append(f'<tr id="{item["kind"]}-{item["id"]}"><td>{when}</td>{what}'
                    f'<td><blockquote class="evidence">{escape(item["evidence"])}</blockquote></td>'
                    f'<td><a href="{escape(article["url"])}">{escape(article["title"])}</a>{source}</td></tr>')
    return SafeString("\n".join(rows))


def link_rows(links: Iterable[dict], actor_url: Callable[[str], str]) -> SafeString:
    """Table rows of the network's links (with their pair's ``url``): supplier, recipient, counts."""
    return SafeString("\n".join(
        f'<tr><td><a href="{actor_url(link["supplier"])}">{escape(link["supplier"])}</a></td>'
        f'<td><a href="{actor_url(link["recipient"])}">{escape(link["recipient"])}</a></td>'
        f'<td><a href="{escape(link["url"])}">{link["transfers"]}</a></td><td>{link["statements"]}</td></tr>'
        for link in links))


def year_rows(years: list[dict], *, by_status: bool = False) -> SafeString:
    """Table rows of a per-year summary: the year, then each status's transfers or all transfers, and the
    statements; a row saying so when there is none."""
    if not years:
        return SafeString(f'<tr><td colspan="{len(STATUSES) + 2 if by_status else 3}">None on record.</td></tr>')
    rows = []
    for y in years:
        counts = y["by_status"] if by_status else [y["transfers"]]
        cells = "".join(f"<td>{n}</td>" for n in (*counts, y["statements"]))
        rows.append(f'<tr><th scope="row">{y["year"] or "no date"}</th>{cells}</tr>')
    return SafeString("".join(rows))


def partner_rows(partners: list[dict], *, actor: str, side: str) -> SafeString:
    """Table rows of an actor's largest partners (with their ``url`` and ``pair_url``): name, counts, pair."""
    shown = escape(actor)
    rows = []
    for p in partners:
        code = escape(p["code"])
        pair = f"{shown} → {code}" if side == "recipient" else f"{code} → {shown}"
        rows.append(f'<tr><th scope="row"><a href="{escape(p["url"])}">{escape(p["name"])}</a></th>'
                    f'<td>{p["transfers"]}</td><td>{p["statements"]}</td>'
                    f'<td><a href="{escape(p["pair_url"])}">{pair}</a></td></tr>')
    return SafeString("".join(rows))


def official_items(officials: Iterable) -> SafeString:
    """List items of officials: name, title, (organisation)."""
    return SafeString("".join(
        f"<li>{escape(o.name)}{', ' + escape(o.title) if o.title else ''}"
        f"{' (' + escape(o.organization) + ')' if o.organization else ''}</li>" for o in officials))
