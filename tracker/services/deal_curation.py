"""Curators' edits of deals: merge, split an event off, set systems, quantity and value.

Every edit sticks: a merged or split event is marked ``curated`` (linking never
moves an event, and never deletes a curated one), and a deal whose systems,
quantity or value a curator set is marked ``curated`` (linking then derives only
its status, dates and counts).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from tracker.deals_models import Deal, DealEvent, WeaponSystem
from tracker.services.deals import DealError, deals_refresh


def deal_merge(*, survivor: Deal, others: list[Deal]) -> Deal:
    """Merge deals of one pair into ``survivor``: their events, systems and statements move to it."""
    others = [d for d in others if d.pk != survivor.pk]
    if not others:
        raise DealError("Choose at least two deals to merge.")
    if any((d.supplier_id, d.recipient_id) != (survivor.supplier_id, survivor.recipient_id) for d in others):
        raise DealError("Only deals of the same supplier and recipient can be merged.")
    with transaction.atomic():
        ids = [d.pk for d in others]
        DealEvent.objects.filter(deal_id__in=ids).update(deal=survivor, curated=True)
        DealEvent.objects.filter(deal=survivor).update(curated=True)
        survivor.systems.add(*WeaponSystem.objects.filter(deals__in=ids).distinct())
        survivor.statements.add(*Deal.statements.through.objects.filter(deal_id__in=ids)
                                .values_list("statement_id", flat=True).distinct())
        if any(d.curated for d in others):
            survivor.curated = True
            survivor.save(update_fields=["curated"])
        Deal.objects.filter(pk__in=ids).delete()
        deals_refresh(deal_ids={survivor.pk})
    survivor.refresh_from_db()
    return survivor


def deal_split_event(*, event: DealEvent) -> Deal:
    """Move one event off its deal into a new deal of the same pair; returns the new deal."""
    with transaction.atomic():
        old = Deal.objects.select_for_update().get(pk=event.deal_id)
        if old.events.count() < 2:
            raise DealError("A deal's only event cannot be split off.")
        new = Deal.objects.create(supplier_id=old.supplier_id, recipient_id=old.recipient_id, status=event.status,
                                  description=", ".join(event.weapons)[:300] if not event.system_id else "",
                                  category=old.category, first_event_date=event.date, last_event_date=event.date)
        DealEvent.objects.filter(pk=event.pk).update(deal=new, curated=True)
        DealEvent.objects.filter(deal=old).update(curated=True)
        deals_refresh(deal_ids={old.pk, new.pk})
    new.refresh_from_db()
    return new


_UNSET = object()


def deal_update(*, deal: Deal, systems: list[WeaponSystem] | None = None, quantity=_UNSET,
                value_amount=_UNSET, value_currency: str | None = None, description: str | None = None) -> Deal:
    """A curator sets a deal's systems, quantity, value or description; the deal is then curated."""
    with transaction.atomic():
        if quantity is not _UNSET:
            if quantity is not None and int(quantity) < 0:
                raise DealError("A quantity cannot be negative.")
            deal.quantity = quantity
        if value_amount is not _UNSET:
            deal.value_amount = Decimal(value_amount) if value_amount is not None else None
        if value_currency is not None:
            if value_currency and (len(value_currency) != 3 or not value_currency.isalpha()):
                raise DealError("A currency is a three-letter ISO 4217 code.")
            deal.value_currency = value_currency.upper()
        if description is not None:
            deal.description = description[:300]
        if systems is not None:
            deal.systems.set(systems)
            if systems:
                deal.category = systems[0].category
        deal.curated = True
        deal.save()
    return deal
