"""Publishing webinars from the page listing's bulk actions: Wagtail's Publish, less any
webinar whose newest version would show something its speakers have not agreed to. Those
are listed on the confirmation page with the reasons, and left unpublished.

The page editor refuses the same (webinars.admin_forms.WebinarPageForm); both ask the page
model's own rule, `WebinarPage.consent_problems`.
"""

from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction

from .models import WebinarPage


def consent_problems_of_newest(page):
    """What publishing `page`'s newest version would show without consent; [] for a page
    that is not a webinar."""
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, WebinarPage):
        return []
    revision = page.get_latest_revision()
    webinar = revision.as_object() if revision is not None else page.specific
    return webinar.consent_problems()


class ConsentCheckedPublishBulkAction(PublishBulkAction):
    template_name = "webinars/admin/confirm_bulk_publish.html"

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        allowed, refused = [], []
        for page in objects:
            problems = consent_problems_of_newest(page)
            if problems:
                refused.append({"item": page.specific_deferred, "problems": problems})
            else:
                allowed.append(page)
        return allowed, {**extra, "items_without_consent": refused}

    @classmethod
    def execute_action(cls, objects, include_descendants=False, user=None, **kwargs):
        published, _none = super().execute_action(objects, include_descendants=False, user=user)
        descendants = 0
        if include_descendants:
            for page in objects:
                for draft in page.get_descendants().not_live().defer_streamfields().specific():
                    if user is not None and not draft.permissions_for_user(user).can_publish():
                        continue
                    if consent_problems_of_newest(draft):
                        continue
                    revision = draft.get_latest_revision() or draft.save_revision(user=user)
                    revision.publish(user=user)
                    descendants += 1
        return published, descendants
