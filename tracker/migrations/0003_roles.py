"""Roles: the ``curator``, ``viewer`` and ``submitter`` groups and what each may do.

- curator: review, edit, merge and re-parse (and submit); never delete.
- viewer: read everything, change nothing.
- submitter: submit articles through the API, and read.

A member must also be ``is_staff`` to sign in to the admin. Permissions are
created here rather than left to ``post_migrate``, which runs only after every
migration: on a fresh database they would not exist yet when the groups are
filled. ``post_migrate`` then finds them and leaves them alone.
"""

from django.db import migrations

MODELS = ["article", "transfer", "statement", "official", "officialmention", "actor"]
CUSTOM = {
    "reparse_article": ("article", "Can queue an article for parsing again"),
    "merge_official": ("official", "Can merge two officials"),
    "merge_actor": ("actor", "Can merge two actors"),
}
VIEW = [f"view_{m}" for m in MODELS]
ROLES = {
    "viewer": VIEW,
    "submitter": [*VIEW, "add_article"],
    "curator": [
        *VIEW,
        "add_article",
        # The article page saves the inlines of its transfers and statements;
        # every article field itself is read-only in the admin.
        "change_article",
        "reparse_article",
        "change_transfer",
        "change_statement",
        "change_official",
        "change_actor",
        "merge_official",
        "merge_actor",
    ],
}
VERBOSE = {"officialmention": "official mention"}


def _permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    if codename in CUSTOM:
        model, name = CUSTOM[codename]
    else:
        action, model = codename.split("_", 1)
        name = f"Can {action} {VERBOSE.get(model, model)}"
    content_type, _ = ContentType.objects.get_or_create(app_label="tracker", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*[_permission(apps, c) for c in codenames])


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0002_load_actors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-created_at", "-id"],
                "permissions": [("reparse_article", "Can queue an article for parsing again")],
            },
        ),
        migrations.AlterModelOptions(
            name="actor",
            options={"ordering": ["name", "id"], "permissions": [("merge_actor", "Can merge two actors")]},
        ),
        migrations.AlterModelOptions(
            name="official",
            options={"ordering": ["name", "id"], "permissions": [("merge_official", "Can merge two officials")]},
        ),
        migrations.RunPython(create_roles, remove_roles),
    ]
