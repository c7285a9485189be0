"""The admin pages: evidence in context, the review queue, merges, history and roles."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracker.models import Actor, Article, Official, Statement, Transfer

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:tracker_{obj._meta.model_name}_change", args=[obj.pk])


def inline_post_data(response) -> dict:
    """The article form as the browser would send it back, unchanged."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset.forms:
            for name, field in form.fields.items():
                value = field.prepare_value(form[name].value())
                if value is None or value is False:
                    continue
                data[form.add_prefix(name)] = "on" if value is True else value
    return data


# --- The article page ---------------------------------------------------------------


def test_the_article_page_shows_evidence_highlighted_and_linked(curator_client, parsed_article):
    body = curator_client.get(change_url(parsed_article)).content.decode()
    transfer, official = Transfer.objects.get(), Official.objects.get()
    assert body.count('class="ev-tag ev-tag-transfer"') == 1
    assert body.count('class="ev-tag ev-tag-statement"') == 2
    assert body.count('class="ev-tag ev-tag-official"') == 1
    assert f'href="{change_url(transfer)}">T{transfer.pk}</a>' in body
    for statement in Statement.objects.all():
        assert f'href="{change_url(statement)}">S{statement.pk}</a>' in body
    assert f'href="{change_url(official)}">O{official.pk}</a>' in body
    assert "test-1" in body and "parsed" in body
    assert 'id="reparse-button"' in body


def test_everything_the_article_contains_is_escaped(curator_client, parsed_article):
    for url in [change_url(parsed_article), reverse("admin:tracker_article_changelist"),
                reverse("admin:tracker_statement_changelist"), change_url(Statement.objects.last())]:
        body = curator_client.get(url).content.decode()
        assert "<script>window.pwned" not in body, url
        assert "<b>bold</b>" not in body and "<i>India</i>" not in body, url
    body = curator_client.get(change_url(parsed_article)).content.decode()
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in body
    assert "S-400 for &lt;i&gt;India&lt;/i&gt;" in body


def test_a_failed_article_shows_why(curator_client, db):
    article = Article.objects.create(raw="x", content_hash="f" * 64, status="failed",
                                     failure_reason="Parse error: <no sentences>")
    body = curator_client.get(change_url(article)).content.decode()
    assert "Parse error: &lt;no sentences&gt;" in body
    assert "Parsing failed." in body


def test_editing_a_record_in_the_article_page_marks_it_curated(curator_client, parsed_article):
    url = change_url(parsed_article)
    data = inline_post_data(curator_client.get(url))
    transfer = Transfer.objects.get()
    prefix = next(k for k, v in data.items() if k.endswith("-id") and str(v) == str(transfer.pk))[:-3]
    data[f"{prefix}-status"] = "delivered"
    response = curator_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    transfer.refresh_from_db()
    assert (transfer.status, transfer.curated) == ("delivered", True)
    assert transfer.history.latest().history_user.username == "cura"
    # Untouched statements stay machine-made.
    assert not Statement.objects.filter(curated=True).exists()


def test_reparse_from_the_article_page(curator_client, viewer_client, parsed_article):
    url = reverse("admin:tracker_article_reparse", args=[parsed_article.pk])
    assert viewer_client.post(url).status_code == 403
    parsed_article.refresh_from_db()
    assert parsed_article.status == "parsed"
    assert curator_client.get(url).status_code == 405
    response = curator_client.post(url)
    assert response.status_code == 302 and response["Location"] == change_url(parsed_article)
    parsed_article.refresh_from_db()
    assert parsed_article.status == "queued"


# --- The review queue ---------------------------------------------------------------


def test_the_queue_lists_unreviewed_first(curator_client, parsed_article):
    first, second = Statement.objects.order_by("pk")
    Statement.objects.filter(pk=first.pk).update(review_state="approved")
    rows = curator_client.get(reverse("admin:tracker_statement_changelist")).context["cl"].result_list
    assert [s.pk for s in rows] == [second.pk, first.pk]


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("", 2),
        ("speaker=borisov", 2),
        ("speaker=nobody", 0),
        ("supplier=Russia", 2),
        ("supplier=russian+federation", 2),
        ("supplier=IND", 0),
        ("recipient=india", 2),
        ("confidence=high", 1),
        ("confidence=medium", 1),
        ("confidence=low", 0),
        ("published=2021", 2),
        ("published=none", 0),
        ("review_state__exact=unreviewed", 2),
        ("direct_quote__exact=1", 1),
    ],
)
def test_the_statement_queue_filters(curator_client, parsed_article, query, count):
    response = curator_client.get(reverse("admin:tracker_statement_changelist") + "?" + query)
    assert response.status_code == 200
    assert response.context["cl"].result_count == count


@pytest.mark.parametrize(("query", "count"), [("supplier=RUS", 1), ("recipient=RUS", 0), ("status__exact=planned", 1)])
def test_the_transfer_queue_filters(curator_client, parsed_article, query, count):
    response = curator_client.get(reverse("admin:tracker_transfer_changelist") + "?" + query)
    assert response.context["cl"].result_count == count


def test_bulk_approve_and_reject(curator_client, parsed_article):
    url = reverse("admin:tracker_statement_changelist")
    ids = list(Statement.objects.values_list("pk", flat=True))
    curator_client.post(url, {"action": "approve", "_selected_action": ids[:1]})
    curator_client.post(url, {"action": "reject", "_selected_action": ids[1:]})
    assert list(Statement.objects.order_by("pk").values_list("review_state", "curated")) == [
        ("approved", True), ("rejected", True)]


def test_editing_a_transfer_marks_it_curated_and_refuses_a_duplicate_pair(curator_client, parsed_article):
    transfer = Transfer.objects.get()
    data = {"supplier": transfer.supplier_id, "recipient": transfer.recipient_id, "status": "delivered",
            "weapons": "S-400, Su-30", "review_state": "unreviewed"}
    assert curator_client.post(change_url(transfer), data).status_code == 302
    transfer.refresh_from_db()
    assert (transfer.status, transfer.weapons, transfer.curated) == ("delivered", ["S-400", "Su-30"], True)

    other = Transfer.objects.create(article=parsed_article, supplier=Actor.objects.get(code="IND"),
                                    recipient=Actor.objects.get(code="RUS"), status="planned", evidence="x",
                                    evidence_start=0, evidence_end=1)
    response = curator_client.post(change_url(other), {**data, "weapons": ""})
    assert response.status_code == 200
    assert "already has a transfer" in response.content.decode()


def test_list_pages_do_not_query_per_row(curator_client, parsed_article):
    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert curator_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = [reverse(f"admin:tracker_{m}_changelist") for m in ("statement", "transfer", "article", "official")]
    before = {url: queries(url) for url in urls}
    actors = list(Actor.objects.filter(kind="state")[:12])
    for i, actor in enumerate(actors[1:], start=1):
        article = Article.objects.create(raw=f"a{i}", content_hash=f"{i:064d}", title=f"A{i}", clean_text="x" * 20)
        Transfer.objects.create(article=article, supplier=actors[0], recipient=actor, status="planned",
                                evidence="x", evidence_start=0, evidence_end=1)
        statement = Statement.objects.create(article=article, speaker_name=f"S{i}", supplier=actor, evidence="x",
                                             evidence_start=0, evidence_end=1,
                                             speaker=Official.objects.create(name=f"O{i}", name_key=f"o{i}"))
        statement.recipients.set(actors[:3])
    assert {url: queries(url) for url in urls} == before


def test_autocomplete_answers_for_every_foreign_key(curator_client, parsed_article):
    for model, field, term in [("transfer", "supplier", "russ"), ("transfer", "recipient", "ind"),
                               ("statement", "speaker", "boris"), ("statement", "recipients", "ind"),
                               ("official", "country", "russ")]:
        response = curator_client.get(reverse("admin:autocomplete"), {
            "app_label": "tracker", "model_name": model, "field_name": field, "term": term})
        assert response.status_code == 200, (model, field)
        assert response.json()["results"], (model, field)


# --- Merges ---------------------------------------------------------------------------


def test_merging_two_officials_through_the_confirmation_page(curator_client, parsed_article):
    survivor = Official.objects.get()
    loser = Official.objects.create(name="Yury Borisov", name_key="yury borisov")
    url = reverse("admin:tracker_official_changelist")
    page = curator_client.post(url, {"action": "merge", "_selected_action": [survivor.pk, loser.pk]})
    body = page.content.decode()
    assert page.status_code == 200 and body.count('name="survivor"') == 2
    assert "2 statements change speaker" in body  # what moves if Yury Borisov is kept
    response = curator_client.post(url, {"action": "merge", "_selected_action": [survivor.pk, loser.pk],
                                         "post": "yes", "survivor": survivor.pk})
    assert response.status_code == 302
    assert not Official.objects.filter(pk=loser.pk).exists()
    assert "Yury Borisov" in Official.objects.get().aliases


def test_merging_needs_exactly_two(curator_client, parsed_article):
    official = Official.objects.get()
    url = reverse("admin:tracker_official_changelist")
    response = curator_client.post(url, {"action": "merge", "_selected_action": [official.pk]}, follow=True)
    assert "Select exactly two officials" in response.content.decode()


def test_merging_two_actors_through_the_confirmation_page(curator_client, parsed_article):
    russia = Actor.objects.get(code="RUS")
    loser = Actor.objects.create(code="rus-dup", name="Rossiya", kind="state")
    url = reverse("admin:tracker_actor_changelist")
    page = curator_client.post(url, {"action": "merge", "_selected_action": [russia.pk, loser.pk]})
    assert page.status_code == 200 and "1 transfer change supplier or recipient" in page.content.decode()
    curator_client.post(url, {"action": "merge", "_selected_action": [russia.pk, loser.pk], "post": "yes",
                              "survivor": russia.pk})
    assert not Actor.objects.filter(pk=loser.pk).exists()


# --- History and roles ----------------------------------------------------------------


def test_history_is_visible_from_the_record_page(curator_client, viewer_client, parsed_article, curator_user):
    from tracker.services import curation

    curation.record_approve(records=Transfer.objects.all(), approved_by=curator_user)
    transfer = Transfer.objects.get()
    assert "/history/" in viewer_client.get(change_url(transfer)).content.decode()
    body = viewer_client.get(change_url(transfer) .replace("/change/", "/history/")).content.decode()
    assert "cura" in body and "approved" in body


def test_a_viewer_reads_everything_and_changes_nothing(viewer_client, parsed_article):
    transfer, statement, official = Transfer.objects.get(), Statement.objects.first(), Official.objects.get()
    for obj in [parsed_article, transfer, statement, official, Actor.objects.get(code="RUS")]:
        response = viewer_client.get(change_url(obj))
        assert response.status_code == 200
        assert 'name="_save"' not in response.content.decode()
    assert 'id="reparse-button"' not in viewer_client.get(change_url(parsed_article)).content.decode()
    for model in ("statement", "transfer", "official", "actor", "article"):
        body = viewer_client.get(reverse(f"admin:tracker_{model}_changelist")).content.decode()
        assert 'name="action"' not in body, model  # no actions: nothing to approve, merge or re-parse

    assert viewer_client.post(change_url(transfer), {"supplier": transfer.supplier_id, "recipient":
                                                     transfer.recipient_id, "status": "delivered",
                                                     "review_state": "approved"}).status_code == 403
    viewer_client.post(reverse("admin:tracker_statement_changelist"),
                       {"action": "approve", "_selected_action": [statement.pk]})
    viewer_client.post(reverse("admin:tracker_article_changelist"),
                       {"action": "reparse", "_selected_action": [parsed_article.pk]})
    loser = Official.objects.create(name="Yury Borisov", name_key="yury borisov")
    viewer_client.post(reverse("admin:tracker_official_changelist"),
                       {"action": "merge", "_selected_action": [official.pk, loser.pk], "post": "yes",
                        "survivor": official.pk})
    assert not Transfer.objects.filter(curated=True).exists()
    assert not Statement.objects.filter(curated=True).exists()
    assert Article.objects.get().status == "parsed"
    assert Official.objects.count() == 2


def test_the_roles_are_created_by_the_migration():
    from django.contrib.auth.models import Group

    def perms(name: str) -> set[str]:
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert perms("viewer") == {f"view_{m}" for m in ("article", "transfer", "statement", "official",
                                                     "officialmention", "actor")}
    curator = perms("curator")
    assert {"change_transfer", "change_statement", "merge_official", "merge_actor", "reparse_article"} <= curator
    assert not {p for p in curator if p.startswith("delete_")}



@pytest.mark.parametrize("term", ["S-400", "TASS", "{pk}"])
def test_articles_are_found_by_title_source_or_id(curator_client, parsed_article, term):
    url = reverse("admin:tracker_article_changelist")
    response = curator_client.get(url, {"q": term.format(pk=parsed_article.pk)})
    assert [a.pk for a in response.context["cl"].result_list] == [parsed_article.pk]
