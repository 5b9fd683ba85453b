"""Reads of participation: threads per part, ideas with their support, the results summary."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from .enums import TOP_IDEAS, FlagOutcome, FlagReason, IdeaHandling, QueueOrder
from .models import Comment, Consultation, Flag, Idea, Support


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
    """The comments of a consultation grouped by part key, oldest first, each with its replies (oldest first)
    in `thread_replies` (one query); hidden ones as `_withhold` says."""
    if consultation is None:
        return {}
    queryset = Comment.objects.filter(consultation=consultation).select_related("author", "hidden_by")
    viewer_id = _viewer_id(viewer)
    grouped: dict[str, list[Comment]] = defaultdict(list)
    replies: dict[int, list[Comment]] = defaultdict(list)
    for comment in queryset.order_by("created_at", "id"):
        _withhold(comment, viewer_id, moderator)
        if comment.reply_to_id is None:
            grouped[comment.part_key].append(comment)
        else:
            replies[comment.reply_to_id].append(comment)
    for thread in grouped.values():
        for comment in thread:
            comment.thread_replies = replies.get(comment.pk, [])
    return dict(grouped)


def comment_for_reply(consultation: Consultation | None, pk: int, *, moderator: bool, viewer=None) -> Comment | None:
    """A comment of this consultation to answer, as its reply page shows it (hidden ones as `_withhold` says);
    a reply's own comment for a reply."""
    if consultation is None:
        return None
    comment = (
        Comment.objects.filter(consultation=consultation, pk=pk).select_related("author", "reply_to__author").first()
    )
    if comment is None:
        return None
    if comment.reply_to_id is not None:
        comment = comment.reply_to
    return _withhold(comment, _viewer_id(viewer), moderator)


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


# --- Reports and the moderation queue -------------------------------------------------------------------


def _key(row) -> tuple[str, int]:
    return ("comment", row["comment_id"]) if row["comment_id"] else ("idea", row["idea_id"])


def open_flag_counts(consultation: Consultation | None) -> dict[tuple[str, int], int]:
    """Open reports per contribution, keyed ("comment"|"idea", id) (one query)."""
    if consultation is None:
        return {}
    rows = (
        Flag.objects.filter(consultation=consultation, outcome=FlagOutcome.OPEN)
        .values("comment_id", "idea_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {_key(row): row["count"] for row in rows}


def open_flag_total(consultation: Consultation | None) -> int:
    if consultation is None:
        return 0
    return Flag.objects.filter(consultation=consultation, outcome=FlagOutcome.OPEN).count()


def flagged_by(consultation: Consultation | None, user) -> set[tuple[str, int]]:
    """The contributions this person has reported (one query)."""
    if consultation is None or user is None or not user.is_authenticated:
        return set()
    rows = Flag.objects.filter(consultation=consultation, flagged_by=user).values("comment_id", "idea_id")
    return {_key(row) for row in rows}


@dataclass
class QueueEntry:
    """A reported contribution with its open reports, for the moderators."""

    kind: str  # "comment" or "idea"
    contribution: Comment | Idea
    open_flags: int = 0
    latest: object = None
    reasons: list = field(default_factory=list)  # (label, count), most frequent first
    notes: list = field(default_factory=list)

    @property
    def suggested_reason(self) -> str:
        """The most frequent reason, offered as the moderator's reason for hiding."""
        return str(self.reasons[0][0]) if self.reasons else ""


def moderation_queue(consultation: Consultation | None, *, order: str = QueueOrder.MOST) -> list[QueueEntry]:
    """Contributions with open reports, most reported (or most recently reported) first (three queries,
    whatever the number of reports)."""
    if consultation is None:
        return []
    rows = Flag.objects.filter(consultation=consultation, outcome=FlagOutcome.OPEN).values(
        "comment_id", "idea_id", "reason", "note", "created_at"
    )
    reasons: dict[tuple[str, int], Counter] = defaultdict(Counter)
    notes: dict[tuple[str, int], list[str]] = defaultdict(list)
    latest: dict[tuple[str, int], object] = {}
    for row in rows:
        key = _key(row)
        reasons[key][row["reason"]] += 1
        if row["note"]:
            notes[key].append(row["note"])
        latest[key] = max(latest.get(key, row["created_at"]), row["created_at"])
    if not latest:
        return []
    found = {}
    for kind, model in (("comment", Comment), ("idea", Idea)):
        ids = [pk for key_kind, pk in latest if key_kind == kind]
        if ids:
            for contribution in model.objects.filter(pk__in=ids).select_related("author"):
                found[(kind, contribution.pk)] = contribution
    labels = dict(FlagReason.choices)
    entries = [
        QueueEntry(
            kind=key[0],
            contribution=found[key],
            open_flags=sum(reasons[key].values()),
            latest=latest[key],
            reasons=[(labels[reason], count) for reason, count in reasons[key].most_common()],
            notes=notes[key],
        )
        for key in latest
        if key in found
    ]
    entries.sort(key=lambda entry: (entry.latest, entry.contribution.pk), reverse=True)
    if order != QueueOrder.NEWEST:
        entries.sort(key=lambda entry: entry.open_flags, reverse=True)  # stable: newest first among equals
    return entries


@dataclass
class Settled:
    """Reports of one contribution settled together: hidden or dismissed, by whom, when."""

    kind: str
    contribution: Comment | Idea
    outcome: str
    resolved_at: object
    resolved_by: object
    flags: int = 1

    def get_outcome_display(self) -> str:
        return FlagOutcome(self.outcome).label


def settled_flags(consultation: Consultation | None, *, limit: int = 20) -> list[Settled]:
    """The latest decisions of the moderation on reports (hidden or dismissed), the reports of one contribution
    settled at once counted together (one query)."""
    if consultation is None:
        return []
    flags = (
        Flag.objects.filter(consultation=consultation)
        .exclude(outcome=FlagOutcome.OPEN)
        .select_related("comment", "idea", "resolved_by")
        .order_by("-resolved_at", "-id")[: limit * 5]
    )
    settled: dict[tuple, Settled] = {}
    for flag in flags:
        kind = "comment" if flag.comment_id else "idea"
        key = (kind, flag.comment_id or flag.idea_id, flag.outcome, flag.resolved_at)
        if key in settled:
            settled[key].flags += 1
        else:
            settled[key] = Settled(kind, flag.contribution, flag.outcome, flag.resolved_at, flag.resolved_by)
    return list(settled.values())[:limit]
