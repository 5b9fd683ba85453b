from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import MAX_COMMENT_LENGTH, MAX_IDEA_LENGTH, IdeaHandling


class CommentForm(forms.Form):
    part = forms.CharField(widget=forms.HiddenInput, max_length=60)
    text = forms.CharField(
        label=_("Ihr Kommentar"), max_length=MAX_COMMENT_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Titel Ihrer Idee"), max_length=200)
    text = forms.CharField(
        label=_("Beschreibung"), max_length=MAX_IDEA_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class HideForm(forms.Form):
    kind = forms.ChoiceField(choices=[("comment", "comment"), ("idea", "idea")], widget=forms.HiddenInput)
    contribution = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Grund"), max_length=300, required=False)
    show = forms.BooleanField(required=False, widget=forms.HiddenInput)


class HandlingForm(forms.Form):
    idea = forms.IntegerField(widget=forms.HiddenInput)
    handling = forms.ChoiceField(label=_("Umgang"), choices=IdeaHandling.choices)
    note = forms.CharField(label=_("Begründung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Fazit der Beteiligung"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
