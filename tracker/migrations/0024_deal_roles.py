"""Deals in the roles: curators edit, merge and split deals and edit the weapons catalogue; viewers read them."""

from django.db import migrations

CUSTOM = {"merge_deal": ("deal", "Can merge deals and split events off")}
VIEW = ["view_deal", "view_dealevent", "view_weaponsystem", "view_story"]
ROLES = {
    "viewer": VIEW,
    "submitter": VIEW,
    "curator": [*VIEW, "change_deal", "merge_deal", "change_weaponsystem"],
}


def _permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    if codename in CUSTOM:
        model, name = CUSTOM[codename]
    else:
        action, model = codename.split("_", 1)
        name = f"Can {action} {model}"
    content_type, _ = ContentType.objects.get_or_create(app_label="tracker", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def add(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*[_permission(apps, c) for c in codenames])


def remove(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="tracker",
                                                                codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("tracker", "0023_relation_deals")]

    operations = [migrations.RunPython(add, remove)]
