"""Forms of the pages for requests for access (ADR 0021) and personal API keys."""

from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.accounts.enums import TerritoryRoleKind

from .access_requests import MESSAGE_MAX_LENGTH, REASON_MAX_LENGTH
from .models import TerritoryRole


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür der Schlüssel ist, z. B. „Fachverfahren Geodaten“."),
    )
    territories = forms.MultipleChoiceField(label=_("gilt für"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        roles = TerritoryRole.objects.filter(user=user).select_related("territory").order_by("territory__name")
        self.territories_by_id = {str(role.territory_id): role.territory for role in roles}
        self.fields["territories"].choices = [(key, t.name) for key, t in self.territories_by_id.items()]

    def clean_territories(self):
        return [self.territories_by_id[key] for key in self.cleaned_data["territories"]]


class AccessRequestForm(forms.Form):
    """Asking for a role in a territory (ADR 0021)."""

    role = forms.ChoiceField(
        label=_("Gewünschte Rolle"),
        choices=[
            (TerritoryRoleKind.EDITOR, _("Redaktion: Projekte, Bedarfe, Agenda und Selbsteinschätzung pflegen")),
            (TerritoryRoleKind.ADMIN, _("Administration: dazu Kolleginnen und Kollegen einladen und Rollen vergeben")),
        ],
        initial=TerritoryRoleKind.EDITOR,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Nachricht"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("Wer sind Sie, in welcher Stelle arbeiten Sie, und wofür brauchen Sie den Zugang?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AccessApprovalForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle vergeben"), choices=TerritoryRoleKind.choices)


class AccessDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("Die Person erhält die Begründung per E-Mail."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
