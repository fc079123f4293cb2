"""The community's roles as groups: Members, Moderators, Core action group editors.

Wagtail's own migrations create "Editors" and "Moderators" with page, document and image
permissions. Here "Editors" becomes "Core action group editors" (keeping Wagtail's
permissions, and gaining publishing, locking and the members admin), and "Moderators" keeps
only access to the admin: they moderate the forums, they do not publish pages. Wagtail's
default "Moderators approval" workflow task passes to the editors for the same reason.

Permission rows are created here with get_or_create: on a fresh database Django's
post_migrate signal, which normally creates them, has not run yet.
"""

from django.db import migrations

MEMBERS = "Members"
MODERATORS = "Moderators"
EDITORS = "Core action group editors"
WAGTAIL_EDITORS = "Editors"

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
EDITOR_MODEL_PERMISSIONS = {
    ("members", "memberprofile", "member"): ("view", "change"),
    ("members", "user", "user"): ("view",),
}


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return perm


def page_permission(apps, codename):
    names = {
        "add_page": "Can add page",
        "change_page": "Can change page",
        "publish_page": "Publish any page",
        "lock_page": "Lock/unlock pages you've locked",
        "unlock_page": "Unlock any page",
    }
    return permission(apps, "wagtailcore", "page", codename, names[codename])


def editors_group(Group):
    """Rename Wagtail's Editors; on a database without it, create the group afresh."""
    group = Group.objects.filter(name=EDITORS).first()
    if group is None:
        group = Group.objects.filter(name=WAGTAIL_EDITORS).first()
        if group is None:
            group = Group.objects.create(name=EDITORS)
        else:
            group.name = EDITORS
            group.save(update_fields=["name"])
    return group


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    access_admin = permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    Group.objects.get_or_create(name=MEMBERS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    editors = editors_group(Group)

    # Editors: publish, lock and unlock wherever Wagtail let them add and edit (the root).
    pages = set(
        GroupPagePermission.objects.filter(group=editors).values_list("page_id", flat=True)
    ) or set(Page.objects.filter(depth=1).values_list("pk", flat=True))
    for page_id in pages:
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page_id=page_id, permission=page_permission(apps, codename)
            )
    editors.permissions.add(access_admin)
    for (app_label, model, verbose_name), actions in EDITOR_MODEL_PERMISSIONS.items():
        for action in actions:
            editors.permissions.add(
                permission(
                    apps, app_label, model, f"{action}_{model}", f"Can {action} {verbose_name}"
                )
            )

    # Moderators: the admin, nothing else, until the forums give them their tools.
    moderators.permissions.set([access_admin])
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    GroupSitePermission.objects.filter(group=moderators).delete()
    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.remove(moderators)
        task.groups.add(editors)
        if task.name == f"{MODERATORS} approval":
            task.name = f"{EDITORS} approval"
            task.save(update_fields=["name"])
    Workflow.objects.filter(name=f"{MODERATORS} approval").update(name=f"{EDITORS} approval")


def rename_editors_back(apps, schema_editor):
    """Undo the rename only; stripped moderator permissions are not restored (as Wagtail's
    own migrations leave group permissions alone when reversed)."""
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=WAGTAIL_EDITORS).exists():
        Group.objects.filter(name=EDITORS).update(name=WAGTAIL_EDITORS)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        # Gives Editors and Moderators "submit translation"; it must find the old names.
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(create_roles, rename_editors_back)]
