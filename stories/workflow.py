"""Stories told by members go to the editors through one Wagtail workflow, "Story review":
a single approval task for the editors' group, assigned to the stories listing. Approving
publishes the story; requesting changes sends the editors' comment back to the teller.

Migration 0003 makes it and assigns it to every stories listing; `review_workflow()` makes
or repairs it (a listing made later, or a database without the migration's data).
"""

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from members import roles

WORKFLOW_NAME = "Story review"
TASK_NAME = "Editors review the story"


def review_workflow(listing):
    """The "Story review" workflow, assigned to `listing` (made if missing)."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.add(roles.get_group(roles.EDITORS))
        # Saved at once: the workflow's own `workflow_tasks` (a cluster relation) would only
        # hold it in memory.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=listing, defaults={"workflow": workflow})
    return workflow


def send_for_review(story, user):
    """Send the story's latest revision to the editors: resume a review that asked for
    changes, restart one in progress (it would be reviewing an older revision), or start."""
    state = story.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return
    if state is not None:
        state.cancel(user=user)
    review_workflow(story.get_parent()).start(story, user)


def cancel_review(story, user):
    state = story.current_workflow_state
    if state is not None:
        state.cancel(user=user)
