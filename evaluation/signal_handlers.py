"""Narrative evaluations in a member's personal data: the download holds every story they
told, with their own answers; erasure deletes their stories and answers (patterns are worked
out from the stories there are, whenever they are looked at, so nothing of theirs stays)."""

from core.personal_data import erases, exports

from .models import Answer, Response


def answer_as_text(answer):
    if answer.not_applicable:
        return "does not apply"
    if answer.weights:
        labels = answer.signifier.labels
        return ", ".join(
            f"{label} {weight}%" for label, weight in zip(labels, answer.weights, strict=True)
        )
    if answer.value is not None:
        return f"{answer.value} (0 = {answer.signifier.label_a}, 100 = {answer.signifier.label_b})"
    return answer.choice


@exports("evaluation.Response.respondent")
def evaluation_stories(sender, user, **kwargs):
    answers = {}
    for answer in Answer.objects.filter(response__respondent=user).select_related("signifier"):
        answers.setdefault(answer.response_id, []).append(answer)
    return {
        "evaluation_stories": [
            {
                "evaluation": story.evaluation.title,
                "title": story.title,
                "story": story.story,
                "told": story.created_at.isoformat(),
                "sent": story.submitted_at.isoformat() if story.submitted_at else None,
                "answers": [
                    {"question": answer.signifier.question, "answer": answer_as_text(answer)}
                    for answer in sorted(
                        answers.get(story.pk, []),
                        key=lambda a: (a.signifier.sort_order or 0, a.signifier_id),
                    )
                ],
            }
            for story in Response.objects.filter(respondent=user).select_related("evaluation")
        ]
    }


@erases("evaluation.Response.respondent")
def forget_evaluation_stories(sender, user, **kwargs):
    Response.objects.filter(respondent=user).delete()  # their answers with them
