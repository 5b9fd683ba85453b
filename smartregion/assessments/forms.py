from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.actors.queries import available_reviewers

from .enums import LEVELS, Priority, Visibility

LEVEL_CHOICES = [(level, str(level)) for level in LEVELS]


class AnswerForm(forms.Form):
    """One cell of the questionnaire. Its own form, so that every cell saves on its own."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    current_level = forms.TypedChoiceField(
        label=_("Heute"), choices=LEVEL_CHOICES, coerce=int, required=False, empty_value=None, widget=forms.RadioSelect
    )
    target_level = forms.TypedChoiceField(
        label=_("Ziel in drei Jahren"),
        choices=[("", "–"), *LEVEL_CHOICES],
        coerce=int,
        required=False,
        empty_value=None,
    )
    priority = forms.TypedChoiceField(
        label=_("Priorität"), choices=Priority.choices, coerce=int, initial=Priority.MEDIUM
    )
    not_relevant = forms.BooleanField(label=_("für uns nicht relevant"), required=False)
    evidence = forms.CharField(
        label=_("Nachweise und Begründung"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    # Plain choices, read once per page by the view: a model choice field would query for every cell.
    projects = forms.TypedMultipleChoiceField(label=_("Projekte als Nachweis"), coerce=int, required=False)

    def __init__(self, *args, cell, project_choices: list[tuple[int, str]], descriptors, **kwargs):
        kwargs.setdefault("prefix", f"c{cell.pk}")
        super().__init__(*args, **kwargs)
        self.cell = cell
        self.fields["projects"].choices = project_choices
        self.fields["current_level"].choices = [(level, text) for level, text in zip(LEVELS, descriptors, strict=True)]

    def clean(self):
        data = super().clean()
        current, target = data.get("current_level"), data.get("target_level")
        if not data.get("not_relevant") and current is not None and target is not None and target < current:
            self.add_error("target_level", _("Die Zielstufe darf nicht unter der heutigen Stufe liegen."))
        return data


class StartForm(forms.Form):
    cycle = forms.IntegerField(label=_("Jahr"), min_value=2015, max_value=2100)


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(label=_("Wer darf die Ergebnisse sehen?"), choices=Visibility.choices)


class InviteReviewerForm(forms.Form):
    profile = forms.ModelChoiceField(
        label=_("aus dem Experten-Forum (für Peer-Reviews verfügbar)"),
        queryset=available_reviewers(),
        required=False,
    )
    email = forms.EmailField(label=_("oder E-Mail-Adresse der Gutachterin oder des Gutachters"), required=False)
    message = forms.CharField(
        label=_("Nachricht"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if not data.get("profile") and not data.get("email"):
            raise forms.ValidationError(
                _("Bitte eine Person aus dem Experten-Forum wählen oder eine E-Mail-Adresse angeben.")
            )
        return data


class ReviewCommentForm(forms.Form):
    cell = forms.IntegerField(widget=forms.HiddenInput)
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Kommentar"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    suggested_level = forms.TypedChoiceField(
        label=_("vorgeschlagene Stufe"),
        choices=[("", "–"), *LEVEL_CHOICES],
        coerce=int,
        required=False,
        empty_value=None,
    )
