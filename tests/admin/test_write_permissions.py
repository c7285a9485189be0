"""Who may write through the admin: every POST that would change data answers 403 to a viewer
or a submitter (history revert, actions, change, add and delete pages), and a curator's
revert goes through the curation service and is recorded in the history.

Named staff users in the roles the migration creates (tests/admin/conftest.py): ``vera``
the viewer, ``subi`` the submitter, ``cura`` the curator.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests.admin.conftest import extraction, record, signed_in, staff_in
from tracker.models import Actor, Article, Official, OfficialMention, Statement, Transfer
from tracker.services import curation

pytestmark = pytest.mark.django_db

HISTORY_MODELS = ["transfer", "statement", "official", "actor"]


@pytest.fixture
def submitter_user(django_user_model):
    return staff_in(django_user_model, "subi", "submitter")


@pytest.fixture
def role_client(request, viewer_user, submitter_user):
    return lambda role: signed_in({"viewer": viewer_user, "submitter": submitter_user}[role])


def _edited(model: str, curator) -> tuple[object, dict, object]:
    """A record of ``model`` changed once by the curator: (record, revert form data, old value)."""
    if model == "transfer":
        obj = Transfer.objects.get()
        old = obj.status
        obj.status = "delivered"
        curation.record_update(record=obj, updated_by=curator)
        data = {"supplier": obj.supplier_id, "recipient": obj.recipient_id, "status": old, "weapons": "S-400",
                "review_state": "unreviewed"}
    elif model == "statement":
        obj = Statement.objects.order_by("pk").first()
        old = obj.direct_quote
        obj.direct_quote = not old
        curation.record_update(record=obj, updated_by=curator)
        data = {"speaker_name": obj.speaker_name, "speaker": obj.speaker_id or "", "supplier": obj.supplier_id,
                "recipients": [a.pk for a in obj.recipients.all()], "review_state": "unreviewed"}
        if old:
            data["direct_quote"] = "on"
    elif model == "official":
        obj = Official.objects.get()
        old = obj.title
        obj.title = "Ambassador"
        curation.official_update(official=obj, updated_by=curator)
        data = {"name": obj.name, "title": old, "organization": obj.organization, "country": obj.country_id or "",
                "aliases": ",".join(obj.aliases), "mentions-TOTAL_FORMS": 0, "mentions-INITIAL_FORMS": 0}
    else:
        obj = Actor.objects.get(code="IND")
        old = obj.name
        obj.name = "Bharat"
        curation.actor_update(actor=obj, updated_by=curator)
        data = {"name": old, "code": obj.code, "kind": obj.kind, "aliases": ",".join(obj.aliases)}
    return obj, data, old


def _value(model: str, obj) -> object:
    obj = type(obj).objects.get(pk=obj.pk)
    return {"transfer": "status", "statement": "direct_quote", "official": "title", "actor": "name"}[model], obj


def _revert_url(model: str, obj) -> str:
    first = obj.history.order_by("history_date", "history_id").first()
    return reverse(f"admin:tracker_{model}_simple_history", args=[obj.pk, first.history_id])


@pytest.mark.parametrize("role", ["viewer", "submitter"])
@pytest.mark.parametrize("model", HISTORY_MODELS)
def test_a_viewer_or_submitter_cannot_revert_to_an_old_version(parsed_article, curator_user, role_client, role,
                                                              model):
    obj, data, old = _edited(model, curator_user)
    field, before = _value(model, obj)
    history_rows = obj.history.count()
    client = role_client(role)
    url = _revert_url(model, obj)
    assert client.get(url).status_code == 200  # they may look at an old version
    response = client.post(url, data)
    assert response.status_code == 403
    _field, after = _value(model, obj)
    assert getattr(after, field) == getattr(before, field) != old
    assert obj.history.count() == history_rows
    if model in ("transfer", "statement"):
        # Nothing a viewer did may make the parser keep a record.
        assert [after.curated, after.review_state] == [before.curated, before.review_state]


@pytest.mark.parametrize("model", HISTORY_MODELS)
def test_a_curator_reverts_through_curation_and_the_history_says_so(parsed_article, curator_user, curator_client,
                                                                    model):
    obj, data, old = _edited(model, curator_user)
    first = obj.history.order_by("history_date", "history_id").first()
    response = curator_client.post(_revert_url(model, obj), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    field, after = _value(model, obj)
    assert getattr(after, field) == old
    latest = after.history.latest()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~", curator_user, f"reverted to version {first.history_id}")
    if model in ("transfer", "statement"):
        assert after.curated  # a re-parse keeps what the curator chose


def test_reverting_a_record_a_reparse_removed_says_so_and_brings_nothing_back(parsed_article, curator_user,
                                                                             curator_client):
    obj, data, _old = _edited("transfer", curator_user)
    Transfer.objects.filter(pk=obj.pk).update(curated=False)
    without = extraction()
    without.transfers = []
    record(parsed_article, without, token="t2")
    assert not Transfer.objects.exists()
    response = curator_client.post(_revert_url("transfer", obj), data, follow=True)
    assert response.status_code == 200
    assert "no longer exists" in response.content.decode()
    assert not Transfer.objects.exists()


def test_editing_a_record_that_was_removed_meanwhile_raises_record_gone(parsed_article, curator_user):
    stale = Transfer.objects.get()
    without = extraction()
    without.transfers = []
    record(parsed_article, without, token="t2")
    stale.status = "delivered"
    with pytest.raises(curation.RecordGone):
        curation.record_update(record=stale, updated_by=curator_user, fields=["status"])
    assert not Transfer.objects.exists()


# --- Every write POST, as a viewer and as a submitter --------------------------------------


def _write_posts(article: Article) -> list[tuple[str, dict]]:
    """Every admin URL a POST could change data through, with what a curator's browser would send.

    Actions are those the admin offers a superuser, so a new action or model is covered
    as soon as it is registered.
    """
    superuser = type("Superuser", (), {"is_active": True, "is_staff": True, "is_superuser": True,
                                       "has_perm": lambda self, perm, obj=None: True,
                                       "has_module_perms": lambda self, app: True})()
    fake = RequestFactory().get("/admin/")
    fake.user = superuser
    objects = {
        Article: article, Transfer: Transfer.objects.first(), Statement: Statement.objects.first(),
        Official: Official.objects.first(), Actor: Actor.objects.get(code="RUS"),
        OfficialMention: OfficialMention.objects.first(),
    }
    posts = []
    for model, model_admin in admin.site._registry.items():
        if model not in objects:
            continue
        name = model._meta.model_name
        obj = objects[model]
        for action in model_admin.get_actions(fake):
            posts.append((reverse(f"admin:tracker_{name}_changelist"),
                          {"action": action, "_selected_action": [obj.pk], "post": "yes", "survivor": obj.pk}))
        posts.append((reverse(f"admin:tracker_{name}_add"), {}))
        posts.append((reverse(f"admin:tracker_{name}_change", args=[obj.pk]), {}))
        posts.append((reverse(f"admin:tracker_{name}_delete", args=[obj.pk]), {"post": "yes"}))
        if hasattr(model, "history"):
            if not obj.history.exists():
                obj.save()  # the states are loaded without history
            version = obj.history.order_by("history_id").first()
            posts.append((reverse(f"admin:tracker_{name}_simple_history", args=[obj.pk, version.history_id]), {}))
    posts.append((reverse("admin:tracker_article_reparse", args=[article.pk]), {}))
    return posts


def _snapshot() -> tuple:
    return tuple(
        sorted(model.objects.values_list(*fields))
        for model, fields in [
            (Article, ("pk", "status", "updated_at")),
            (Transfer, ("pk", "status", "review_state", "curated", "updated_at")),
            (Statement, ("pk", "review_state", "curated", "direct_quote", "updated_at")),
            (Official, ("pk", "name", "title", "aliases")),
            (OfficialMention, ("pk", "official_id")),
            (Transfer.history.model, ("history_id",)),
            (Statement.history.model, ("history_id",)),
            (Official.history.model, ("history_id",)),
            (Actor.history.model, ("history_id",)),
        ]
    )


@pytest.mark.parametrize("role", ["viewer", "submitter"])
def test_every_admin_post_that_would_write_answers_403(parsed_article, role_client, role):
    Official.objects.create(name="Yury Borisov", name_key="yury borisov")
    client = role_client(role)
    actors = Actor.objects.count()
    posts = _write_posts(parsed_article)
    before = _snapshot()
    assert len(posts) > 25
    refused = {url + str(sorted(data)): client.post(url, data).status_code for url, data in posts}
    assert set(refused.values()) == {403}, {k: v for k, v in refused.items() if v != 403}
    assert _snapshot() == before
    assert Actor.objects.count() == actors
