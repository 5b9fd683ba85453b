"""Reads of participation: threads per part, ideas with their support, the results summary."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from .enums import TOP_IDEAS, IdeaHandling
from .models import Comment, Consultation, Idea, Support


def _withhold(contribution, viewer_id, moderator: bool):
    """A hidden contribution in its place: moderators read it with its reason, its author reads her own text
    marked as hidden with the moderator's reason; for everybody else it is a placeholder without text,
    title, author or reason (`withheld`), emptied here so no page can show them by mistake."""
    contribution.withheld = contribution.is_hidden and not moderator and contribution.author_id != viewer_id
    if contribution.withheld:
        contribution.text = contribution.hidden_reason = ""
        if isinstance(contribution, Idea):
            contribution.title = ""
    return contribution


def _viewer_id(viewer):
    return viewer.pk if viewer is not None and viewer.is_authenticated else None


def comments_by_part(consultation: Consultation | None, *, moderator: bool, viewer=None) -> dict[str, list[Comment]]:
    """All comments of a consultation grouped by part key (one query); hidden ones as `_withhold` says."""
    if consultation is None:
        return {}
    queryset = Comment.objects.filter(consultation=consultation).select_related("author", "hidden_by")
    viewer_id = _viewer_id(viewer)
    grouped: dict[str, list[Comment]] = defaultdict(list)
    for comment in queryset.order_by("created_at", "id"):
        grouped[comment.part_key].append(_withhold(comment, viewer_id, moderator))
    return dict(grouped)


def ideas(consultation: Consultation | None, user, *, moderator: bool) -> list[Idea]:
    """Ideas with `support_count` and `supported` (by this user), most supported first; hidden ones as
    `_withhold` says."""
    if consultation is None:
        return []
    queryset = Idea.objects.filter(consultation=consultation).select_related("author", "hidden_by")
    queryset = queryset.annotate(support_count=Count("supports"))
    if user is not None and user.is_authenticated:
        queryset = queryset.annotate(supported=Exists(Support.objects.filter(idea=OuterRef("pk"), user=user)))
    viewer_id = _viewer_id(user)
    return [_withhold(idea, viewer_id, moderator) for idea in queryset.order_by("-support_count", "created_at", "id")]


@dataclass
class Summary:
    """What the consultation produced, for the agenda and its exports."""

    consultation: Consultation
    participants: int = 0
    comments: int = 0
    hidden: int = 0
    ideas: int = 0
    supports: int = 0
    top_ideas: list = field(default_factory=list)
    handling: list = field(default_factory=list)
    comments_per_part: list = field(default_factory=list)

    @property
    def has_contributions(self) -> bool:
        return bool(self.comments or self.ideas)


def summary(consultation: Consultation | None) -> Summary | None:
    """Counts, the most supported ideas with their handling, comments per part (three queries)."""
    if consultation is None:
        return None
    comments = list(
        Comment.objects.filter(consultation=consultation).values_list("author_id", "hidden_at", "part_label")
    )
    all_ideas = list(
        Idea.objects.filter(consultation=consultation)
        .only("title", "author_id", "hidden_at", "handling", "handling_note", "created_at")
        .annotate(support_count=Count("supports"))
        .order_by("-support_count", "created_at", "id")
    )
    supporters = list(Support.objects.filter(idea__consultation=consultation).values_list("user_id", flat=True))
    visible_comments = [row for row in comments if row[1] is None]
    visible_ideas = [idea for idea in all_ideas if not idea.is_hidden]
    people = {row[0] for row in comments} | {idea.author_id for idea in all_ideas} | set(supporters)
    handled = Counter(idea.handling for idea in visible_ideas)
    per_part = Counter(row[2] for row in visible_comments)
    return Summary(
        consultation=consultation,
        participants=len(people),
        comments=len(visible_comments),
        hidden=len(comments) - len(visible_comments) + len(all_ideas) - len(visible_ideas),
        ideas=len(visible_ideas),
        supports=len(supporters),
        top_ideas=visible_ideas[:TOP_IDEAS],
        handling=[(choice.label, handled.get(choice.value, 0)) for choice in IdeaHandling],
        comments_per_part=sorted(per_part.items(), key=lambda item: (-item[1], item[0])),
    )
