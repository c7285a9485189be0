"""Roles: the ``curator``, ``viewer`` and ``submitter`` groups and what each may do.

- curator: review, edit, merge and re-parse (and submit); never delete.
- viewer: read everything, change nothing.
- submitter: submit articles through the API, and read.

A member must also be ``is_staff`` to sign in to the admin. Permissions are
created by ``_roles.grant`` (why: see there).
"""

from django.db import migrations

from tracker.migrations._roles import grant

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


def create_roles(apps, schema_editor):
    grant(apps, ROLES, custom=CUSTOM, verbose=VERBOSE)


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
