from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.core.attachments import UploadRefused, check_upload
from smartregion.core.widgets import DateInput, DateTimeInput
from smartregion.projects.enums import Publication
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from .enums import FollowUpStatus
from .models import Event, FollowUp, Partnership
from .queries import OVERDUE
from .services import EVENT_FIELDS

DATETIME_WIDGET = DateTimeInput()
DATE_WIDGET = DateInput()


class EventForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    agenda = forms.CharField(
        label=_("Tagesordnung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ein Punkt pro Zeile."),
    )

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = Territory.objects.filter(network_memberships__network=network).order_by("name")
        self.fields["host"].help_text = _(
            "Vorschlag der Rotation: das Mitglied, das am längsten nicht ausgerichtet hat."
        )
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
            self.fields["agenda"].initial = "\n".join(item.title for item in self.instance.agenda_items.all())

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in EVENT_FIELDS}

    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Protokoll"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    attended = forms.MultipleChoiceField(
        label=_("teilgenommen haben"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(r.user_id, str(r.user)) for r in registrations]


class FollowUpForm(forms.ModelForm):
    """A new follow-up on the event page, and (with revision and note) the coordination's edit page."""

    class Meta:
        model = FollowUp
        fields = ["title", "owner", "owner_territory", "due_on", "status", "project", "need", "actor"]
        widgets = {"due_on": DATE_WIDGET}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        from smartregion.actors.models import Actor
        from smartregion.needs.models import Need
        from smartregion.projects.models import Project

        self.fields["owner_territory"].queryset = Territory.objects.filter(
            network_memberships__network=network
        ).order_by("name")
        self.fields["owner_territory"].help_text = _(
            "Ein Mitglied des Netzwerks; seine Redaktion kann den Stand selbst eintragen."
        )
        self.fields["project"] = forms.IntegerField(label=_("Projekt (Nummer im Katalog)"), required=False, min_value=1)
        if self.instance.pk and self.instance.project_id:
            self.fields["project"].initial = self.instance.project_id
        self.fields["need"].queryset = Need.objects.filter(is_public=True).order_by("-created_at")[:200]
        self.fields["actor"].queryset = Actor.objects.order_by("name")
        self._projects = Project

    def clean_project(self):
        number = self.cleaned_data["project"]
        if not number:
            return None
        project = self._projects.objects.filter(pk=number, publication=Publication.PUBLISHED).first()
        if project is None:
            raise forms.ValidationError(_("Kein veröffentlichtes Projekt mit dieser Nummer."))
        return project

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("owner") or cleaned.get("owner_territory")):
            raise forms.ValidationError(_("Bitte eine verantwortliche Person oder Kommune angeben."))
        return cleaned


class FollowUpEditForm(FollowUpForm):
    """Where it stands first (what the page is opened for most often), then the rest of the follow-up."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta(FollowUpForm.Meta):
        fields = [*FollowUpForm.Meta.fields, "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision
        self.order_fields(["status", "note", "title", "owner", "owner_territory", "due_on"])


class FollowUpStatusForm(forms.ModelForm):
    """Where a follow-up stands, for the people of its owner territory."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FollowUp
        fields = ["status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision


class FollowUpFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Stand"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("alle")),
            (OVERDUE, _("überfällig")),
            *FollowUpStatus.choices,
        ]


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    territory = forms.ModelChoiceField(label=_("Kommune"), queryset=Territory.objects.none(), required=False)

    def __init__(self, *args, network, **kwargs):
        kwargs.setdefault("auto_id", "walk_in_%s")  # the card form on the same page has a territory too
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.filter(network_memberships__network=network).order_by(
            "name"
        )
        self.fields["territory"].help_text = _("Nur wenn die Person für ein Mitglied des Netzwerks teilnimmt.")


class CardForm(forms.Form):
    territory = forms.ModelChoiceField(label=_("Kommune"), queryset=Territory.objects.none())
    domain = forms.ModelChoiceField(label=_("Handlungsfeld"), queryset=Domain.objects.active())
    text = forms.CharField(label=_("Herausforderung oder Bedarf"), max_length=500)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.filter(network_memberships__network=network).order_by(
            "name"
        )


class DeclineForm(forms.Form):
    territory = forms.ModelChoiceField(label=_("Mitglied"), queryset=Territory.objects.none())
    until = forms.DateField(label=_("kann nicht ausrichten bis"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Grund"), required=False, max_length=300)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.filter(network_memberships__network=network).order_by(
            "name"
        )


class PartnershipForm(forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner"), queryset=Territory.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    agreement = forms.FileField(
        label=_("Vereinbarung"), required=False, help_text=_("PDF, Word oder OpenDocument, höchstens 10 MB.")
    )

    class Meta:
        model = Partnership
        fields = ["topic", "description", "partners", "starts_on", "status", "agreement_public"]
        widgets = {"starts_on": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Territory.objects.filter(network_memberships__network=network).order_by(
            "name"
        )

    def clean_agreement(self):
        upload = self.cleaned_data.get("agreement")
        if not upload:
            return None
        try:
            return check_upload(upload, "document")
        except UploadRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None
