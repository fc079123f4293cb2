"""Consensus studies in a member's personal data: the download holds the studies they took
part in, with their own ratings and comments, and the panels they were invited to; erasure
deletes their participation, ratings and comments (the results of closed rounds, worked out
when each closed and holding nothing of anyone, stay as they were: rounds.withdraw)."""

from core.personal_data import erases, exports

from .models import Participant, Rating, Study


@exports("consensus.Participant.member", "consensus.Study.panel")
def consensus_participation(sender, user, **kwargs):
    ratings = (
        Rating.objects.filter(participant__member=user)
        .select_related("asked__round__study")
        .order_by("asked__round__study_id", "asked__round__number", "asked_id")
    )
    return {
        "consensus_studies": [
            {
                "study": participant.study.title,
                "joined": participant.joined_at.isoformat(),
                "withdrew": participant.withdrawn_at.isoformat()
                if participant.withdrawn_at
                else None,
            }
            for participant in Participant.objects.filter(member=user).select_related("study")
        ],
        "consensus_ratings": [
            {
                "study": rating.asked.round.study.title,
                "round": rating.asked.round.number,
                "statement": rating.asked.text,
                "rating": rating.value,
                "comment": rating.comment,
                "last_changed": rating.updated_at.isoformat(),
            }
            for rating in ratings
        ],
        "consensus_panels": list(
            Study.objects.filter(panel=user).order_by("pk").values_list("title", flat=True)
        ),
    }


@erases("consensus.Participant.member", "consensus.Study.panel")
def forget_consensus_participation(sender, user, **kwargs):
    Participant.objects.filter(member=user).delete()  # their ratings and comments with it
    Study.panel.through.objects.filter(user=user).delete()
