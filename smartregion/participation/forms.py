from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import MAX_COMMENT_LENGTH, MAX_FLAG_NOTE_LENGTH, MAX_IDEA_LENGTH, FlagReason, IdeaHandling, QueueOrder

CONTRIBUTION_KINDS = [("comment", "comment"), ("idea", "idea")]


class CommentForm(forms.Form):
    part = forms.CharField(widget=forms.HiddenInput, max_length=60)
    text = forms.CharField(
        label=_("Ihr Kommentar"), max_length=MAX_COMMENT_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Ihre Antwort"), max_length=MAX_COMMENT_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Titel Ihrer Idee"), max_length=200)
    text = forms.CharField(
        label=_("Beschreibung"), max_length=MAX_IDEA_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class HideForm(forms.Form):
    kind = forms.ChoiceField(choices=CONTRIBUTION_KINDS, widget=forms.HiddenInput)
    contribution = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Grund"), max_length=300, required=False)
    show = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # Sent from the moderation queue: back there afterwards.
    from_queue = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FlagForm(forms.Form):
    """A participant reports a comment or idea to the moderation."""

    kind = forms.ChoiceField(choices=CONTRIBUTION_KINDS, widget=forms.HiddenInput)
    contribution = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Warum melden Sie diesen Beitrag?"), choices=FlagReason.choices)
    note = forms.CharField(
        label=_("Erläuterung (bei „Sonstiges“ nötig)"),
        max_length=MAX_FLAG_NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DismissForm(forms.Form):
    kind = forms.ChoiceField(choices=CONTRIBUTION_KINDS, widget=forms.HiddenInput)
    contribution = forms.IntegerField(widget=forms.HiddenInput)


class QueueOrderForm(forms.Form):
    ordnung = forms.ChoiceField(label=_("Sortierung"), choices=QueueOrder.choices, initial=QueueOrder.MOST)


class HandlingForm(forms.Form):
    idea = forms.IntegerField(widget=forms.HiddenInput)
    handling = forms.ChoiceField(label=_("Umgang"), choices=IdeaHandling.choices)
    note = forms.CharField(label=_("Begründung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Fazit der Beteiligung"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
