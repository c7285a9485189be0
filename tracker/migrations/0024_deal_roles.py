"""Deals in the roles: curators edit, merge and split deals and edit the weapons catalogue; viewers read them."""

from django.db import migrations

from tracker.migrations._roles import grant, revoke

CUSTOM = {"merge_deal": ("deal", "Can merge deals and split events off")}
VIEW = ["view_deal", "view_dealevent", "view_weaponsystem", "view_story"]
ROLES = {
    "viewer": VIEW,
    "submitter": VIEW,
    "curator": [*VIEW, "change_deal", "merge_deal", "change_weaponsystem"],
}


def add(apps, schema_editor):
    grant(apps, ROLES, custom=CUSTOM)


def remove(apps, schema_editor):
    revoke(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0023_relation_deals")]

    operations = [migrations.RunPython(add, remove)]
