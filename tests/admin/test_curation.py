"""Curation services: reviews, edits and merges, each leaving a history entry with its author."""

from __future__ import annotations

import pytest

from tests.admin.conftest import extraction, record
from tracker.services import curation, recording
from tracker.models import Actor, Official, OfficialMention, Statement, Transfer

pytestmark = pytest.mark.django_db


def test_approving_marks_records_curated_and_records_who(parsed_article, curator_user):
    changed = curation.record_approve(records=Statement.objects.all(), approved_by=curator_user)
    assert changed == 2
    assert set(Statement.objects.values_list("review_state", "curated")) == {("approved", True)}
    for statement in Statement.objects.all():
        latest = statement.history.latest()
        assert (latest.history_user, latest.history_change_reason, latest.history_type) == (
            curator_user, "approved", "~")
        # The many-to-many snapshot is kept with the bulk-written entry.
        assert [r.actor.code for r in latest.recipients.all()] == ["IND"]
    # Approving again changes nothing and writes no history.
    before = Statement.history.count()
    assert curation.record_approve(records=Statement.objects.all(), approved_by=curator_user) == 0
    assert Statement.history.count() == before


def test_rejected_records_stay_rejected_after_a_reparse(parsed_article, curator_user):
    curation.record_reject(records=Transfer.objects.all(), rejected_by=curator_user)
    record(parsed_article, extraction(status="delivered"), token="t2")
    assert list(Transfer.objects.values_list("status", "review_state")) == [("planned", "rejected")]


def test_an_edit_is_curated_kept_by_a_reparse_and_in_the_history(parsed_article, curator_user):
    transfer = Transfer.objects.get()
    transfer.status = "delivered"
    curation.record_update(record=transfer, updated_by=curator_user)
    record(parsed_article, extraction(status="considering"), token="t2")
    transfer = Transfer.objects.get()
    assert (transfer.status, transfer.curated) == ("delivered", True)
    history = list(transfer.history.order_by("history_date").values_list("status", "curated", "history_user__username"))
    assert history == [("planned", False, None), ("delivered", True, "cura")]


def test_merging_officials_moves_statements_and_mentions_and_keeps_names(parsed_article, curator_user):
    survivor = Official.objects.get(name="Yuri Borisov")
    loser = Official.objects.create(name="Yury Borisov", name_key="yury borisov", title="Deputy PM",
                                    aliases=["Y. Borisov"])
    moved = Statement.objects.first()
    Statement.objects.filter(pk=moved.pk).update(speaker=loser)
    OfficialMention.objects.create(official=loser, article=parsed_article, name_as_given="Yury Borisov")

    plan = curation.official_merge_plan(survivor=survivor, loser=loser)
    assert [s.pk for s in plan.statements] == [moved.pk]
    assert plan.mentions == [] and len(plan.mentions_dropped) == 1  # the article mentions the survivor already
    assert plan.aliases_added == ["Yury Borisov", "Y. Borisov"]

    curation.official_merge(survivor=survivor, loser=loser, merged_by=curator_user)
    assert not Official.objects.filter(pk=loser.pk).exists()
    assert Statement.objects.filter(speaker=survivor).count() == 2
    assert OfficialMention.objects.filter(article=parsed_article).count() == 1
    survivor.refresh_from_db()
    assert survivor.aliases == ["Borisov", "Yury Borisov", "Y. Borisov"]
    assert survivor.history.latest().history_user == curator_user
    assert Official.history.filter(id=loser.pk, history_type="-").get().history_user == curator_user

    # A later article naming the loser is matched to the survivor.
    assert recording._officials_for(["Yury Borisov"])["Yury Borisov"].pk == survivor.pk


def test_merging_an_official_into_itself_is_refused(parsed_article, curator_user):
    official = Official.objects.get()
    with pytest.raises(curation.MergeError):
        curation.official_merge(survivor=official, loser=official, merged_by=curator_user)


@pytest.fixture
def duplicate_actor(db):
    return Actor.objects.create(code="RUS-X", name="Russian Federation (dup)", kind="state", aliases=["Rossiya"])


def test_merging_actors_moves_every_reference(parsed_article, curator_user, duplicate_actor):
    russia, india = Actor.objects.get(code="RUS"), Actor.objects.get(code="IND")
    Transfer.objects.update(supplier=duplicate_actor)
    statement = Statement.objects.first()
    statement.recipients.add(duplicate_actor)
    Statement.objects.filter(pk=statement.pk).update(supplier=duplicate_actor)
    official = Official.objects.get()
    Official.objects.filter(pk=official.pk).update(country=duplicate_actor)

    curation.actor_merge(survivor=russia, loser=duplicate_actor, merged_by=curator_user)
    assert not Actor.objects.filter(pk=duplicate_actor.pk).exists()
    assert list(Transfer.objects.values_list("supplier__code", "recipient__code")) == [("RUS", "IND")]
    statement.refresh_from_db()
    assert statement.supplier == russia
    assert sorted(a.code for a in statement.recipients.all()) == ["IND", "RUS"]
    assert Official.objects.get().country == russia
    russia.refresh_from_db()
    assert {"RUS-X", "Russian Federation (dup)", "Rossiya"} <= set(russia.aliases)
    assert Transfer.objects.get().history.latest().history_user == curator_user
    assert india.receipts.count() == 1


def test_merging_actors_drops_duplicates_and_self_transfers_keeping_curated_work(parsed_article, curator_user,
                                                                                   duplicate_actor):
    russia, india = Actor.objects.get(code="RUS"), Actor.objects.get(code="IND")
    kept = Transfer.objects.get()
    duplicate = Transfer.objects.create(article=parsed_article, supplier=duplicate_actor, recipient=india,
                                        status="delivered", evidence="x", evidence_start=0, evidence_end=1,
                                        curated=True, review_state="approved")
    to_itself = Transfer.objects.create(article=parsed_article, supplier=duplicate_actor, recipient=russia,
                                        status="planned", evidence="x", evidence_start=0, evidence_end=1)
    plan = curation.actor_merge_plan(survivor=russia, loser=duplicate_actor)
    assert {t.pk for t in plan.transfers_dropped} == {kept.pk, to_itself.pk}
    assert [t.pk for t in plan.transfers] == [duplicate.pk]

    curation.actor_merge(survivor=russia, loser=duplicate_actor, merged_by=curator_user)
    assert list(Transfer.objects.values_list("pk", "supplier__code", "recipient__code", "status")) == [
        (duplicate.pk, "RUS", "IND", "delivered")]


def test_a_merged_actors_code_resolves_to_the_survivor(parsed_article, curator_user, duplicate_actor):
    russia = Actor.objects.get(code="RUS")
    curation.actor_merge(survivor=russia, loser=duplicate_actor, merged_by=curator_user)
    assert recording._Actors({"RUS-X"}, {}).get("RUS-X") == russia
    assert not Actor.objects.filter(code="RUS-X").exists()



def test_a_reparse_naming_both_merged_actors_keeps_one_transfer(parsed_article, curator_user, duplicate_actor):
    from workers.parser.records import ActorRecord, TransferRecord

    russia = Actor.objects.get(code="RUS")
    curation.actor_merge(survivor=russia, loser=duplicate_actor, merged_by=curator_user)
    result = extraction()
    result.actors.append(ActorRecord("Russian Federation (dup)", "RUS-X", "state"))
    result.transfers.append(TransferRecord("RUS-X", "IND", "planned", [], "x", 0, 1, 0.5))
    record(parsed_article, result, token="t2")
    assert list(Transfer.objects.values_list("supplier__code", "recipient__code")) == [("RUS", "IND")]


def test_renaming_keeps_the_old_name_and_code_as_aliases(parsed_article, curator_user):
    official = Official.objects.get()
    official.name = "Yury Borisov"
    curation.official_update(official=official, updated_by=curator_user)
    assert Official.objects.get().aliases == ["Borisov", "Yuri Borisov"]
    assert recording._officials_for(["Yuri Borisov"])["Yuri Borisov"].pk == official.pk

    actor = Actor.objects.create(code="old-code", name="Old name", kind="non-state")
    actor.code, actor.name = "new-code", "New name"
    curation.actor_update(actor=actor, updated_by=curator_user)
    actor.refresh_from_db()
    assert actor.aliases == ["Old name", "old-code"]
    assert actor.history.latest().history_user == curator_user
