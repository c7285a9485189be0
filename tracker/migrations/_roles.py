"""Granting permissions to the role groups, shared by the migrations that define roles (0003, 0024).

Django's migration loader skips modules whose name starts with an underscore, so
this is a plain helper, not a migration. It works on the historical ``apps`` a
migration is given and must stay compatible with every migration that calls it.

Permissions are created here rather than left to ``post_migrate``, which runs only
after every migration: on a fresh database they would not exist yet when the
groups are filled. ``post_migrate`` then finds them and leaves them alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def permission(apps, codename: str, *, custom: Mapping[str, tuple[str, str]], verbose: Mapping[str, str]):
    """The tracker permission ``codename``, created with Django's default name if missing.

    ``custom`` maps a model's own permissions (``Meta.permissions``) to (model, name);
    ``verbose`` gives the verbose name of models whose name is not one word.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    if codename in custom:
        model, name = custom[codename]
    else:
        action, model = codename.split("_", 1)
        name = f"Can {action} {verbose.get(model, model)}"
    content_type, _ = ContentType.objects.get_or_create(app_label="tracker", model=model)
    perm, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename,
                                               defaults={"name": name})
    return perm


def grant(apps, roles: Mapping[str, Sequence[str]], *, custom: Mapping[str, tuple[str, str]] | None = None,
          verbose: Mapping[str, str] | None = None) -> None:
    """Give each role group (created if missing) the permissions listed for it."""
    custom, verbose = custom or {}, verbose or {}
    Group = apps.get_model("auth", "Group")
    for role, codenames in roles.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*[permission(apps, c, custom=custom, verbose=verbose) for c in codenames])


def revoke(apps, roles: Mapping[str, Sequence[str]]) -> None:
    """Take the listed permissions back from each role group that exists; the groups stay."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in roles.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="tracker",
                                                                codename__in=codenames))
