from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.core.attachments import UploadRefused, check_upload
from smartregion.core.widgets import LongSelect
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from . import lineage
from .models import Project
from .services import EDITABLE_FIELDS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ProjectForm(forms.ModelForm):
    lead_territory = forms.ModelChoiceField(
        label=_("federführende Gebietskörperschaft"), queryset=Territory.objects.none()
    )
    primary_domain = forms.ModelChoiceField(label=_("Handlungsfeld"), queryset=Domain.objects.active())
    domains = forms.ModelMultipleChoiceField(
        label=_("weitere Handlungsfelder"),
        queryset=Domain.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keyword_text = forms.CharField(
        label=_("Stichworte"),
        required=False,
        help_text=_("Durch Kommas getrennt, z. B. LoRaWAN, Sensorik, Open Data."),
    )
    partner_keys = forms.CharField(
        label=_("Partnerkommunen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Je Zeile ein Gemeindeschlüssel (AGS, 8 Ziffern) oder Kreisschlüssel (5 Ziffern)."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = [name for name in EDITABLE_FIELDS if name != "lead_label"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in [
                "summary",
                "problem",
                "solution",
                "partner_organisations",
                "prerequisites",
                "effort",
                "running_costs",
                "operator_model",
                "data_used",
                "interfaces_standards",
                "lessons_learned",
            ]
        }

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_territory"].queryset = territories if territories is not None else Territory.objects.none()
        if self.instance.pk:
            self.fields["lead_territory"].initial = self.instance.lead_territory_id
            self.fields["primary_domain"].initial = self.instance.primary_domain_id
            self.fields["domains"].initial = list(self.instance.domains.values_list("pk", flat=True))
            self.fields["keyword_text"].initial = ", ".join(self.instance.keywords.values_list("label", flat=True))
            self.fields["partner_keys"].initial = "\n".join(
                f"{t.ags or t.ars} {t.short_name}" for t in self.instance.partner_territories.all()
            )
            self.fields["revision"].initial = self.instance.revision
            self._mark_copied_texts()

    def _mark_copied_texts(self) -> None:
        """A re-use's texts that are still the original's: a hint on a draft (publishing refuses them), an
        error on a published project (it would publish them); see `clean`."""
        self.copied_fields = lineage.unrewritten(self.instance)
        for name in self.copied_fields:
            field = self.fields[name]
            field.help_text = _(
                "Noch wortgleich mit dem Original: vor dem Veröffentlichen in eigenen Worten schreiben."
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.is_published:
            values = {name: cleaned.get(name) for name in lineage.REWRITE_FIELDS if name in cleaned}
            for name in lineage.unrewritten(self.instance, values):
                self.add_error(
                    name,
                    _(
                        "Dieser Text steht wortgleich im Original, das dieses Projekt nachnutzt. Ein veröffentlichtes "
                        "Projekt beschreibt das Vorhaben Ihrer Kommune in eigenen Worten."
                    ),
                )
        return cleaned

    def clean_keyword_text(self):
        return [part.strip() for part in self.cleaned_data["keyword_text"].split(",") if part.strip()]

    def clean_partner_keys(self):
        keys = [line.split()[0] for line in self.cleaned_data["partner_keys"].splitlines() if line.strip()]
        found = {t.ags: t for t in Territory.objects.filter(ags__in=keys, kind="gemeinde", is_active=True)}
        found |= {t.ars: t for t in Territory.objects.filter(ars__in=keys, kind="kreis", is_active=True)}
        missing = [key for key in keys if key not in found]
        if missing:
            raise forms.ValidationError(_("Unbekannte Schlüssel: %(keys)s") % {"keys": ", ".join(missing)})
        return [found[key] for key in dict.fromkeys(keys)]

    def relation_values(self) -> dict:
        data = self.cleaned_data
        return {
            "lead_territory": data["lead_territory"],
            "primary_domain": data["primary_domain"],
            "domains": list(data["domains"]),
            "keywords": data["keyword_text"],
            "partners": data["partner_keys"],
        }

    def field_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class AdoptForm(forms.Form):
    # Shown on every project page an editor opens: an editor for a whole Land has thousands of territories.
    territory = forms.ModelChoiceField(
        label=_("Für welche Gebietskörperschaft nachnutzen?"), queryset=Territory.objects.none(), widget=LongSelect
    )

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The options need the name only (Territory.__str__), not the register's hundred columns.
        self.fields["territory"].queryset = (
            territories.only("pk", "name") if territories is not None else Territory.objects.none()
        )


def _reuse_label(project: Project) -> str:
    return f"{project.title} – {project.lead_name} ({project.get_status_display()})"


class ReuseSearchForm(forms.Form):
    """The search for the project another one re-uses (a GET form: results as choices of ReuseLinkForm)."""

    suche = forms.CharField(
        label=_("Original suchen"),
        required=False,
        max_length=200,
        help_text=_("Titel, Stichwort oder Kommune, auch die Nummer oder Adresse des Projekts."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args, live_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if live_url:  # live results while typing (htmx asks the page itself); without JavaScript: "Suchen"
            self.fields["suche"].widget.attrs.update(
                {
                    "hx-get": live_url,
                    "hx-trigger": "input changed delay:400ms, search",
                    "hx-select": "#reuse-choices",
                    "hx-target": "#reuse-choices",
                    "hx-swap": "outerHTML",
                }
            )

    @property
    def query(self) -> str:
        return (self["suche"].value() or "").strip()[:200]


class ReuseLinkForm(forms.Form):
    """Which published project this one re-uses: the current link, the search results, or none."""

    adopted_from = forms.ModelChoiceField(
        label=_("Dieses Projekt ist eine Nachnutzung von"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, project: Project, source: Project | None, candidates, linkable, **kwargs):
        # The stored link is the initial value: a form sent back unchanged is known to be unchanged.
        kwargs.setdefault(
            "initial", {"adopted_from": source.pk if source is not None else "", "revision": project.revision}
        )
        super().__init__(*args, **kwargs)
        field = self.fields["adopted_from"]
        # Any linkable project validates (the results of a search in another request); the service checks again.
        field.queryset = linkable
        shown = ([source] if source is not None else []) + [item for item in candidates if item != source]
        field.choices = [("", _("keine Nachnutzung"))] + [(item.pk, _reuse_label(item)) for item in shown]
        self.candidates = candidates

    @property
    def choices_part(self) -> "_ChoicesPart":
        """The choice alone, for the shared include: the part live search results replace (the revision
        stays outside it, so a result list from a later request cannot hide somebody else's save)."""
        return _ChoicesPart(self)


class _ChoicesPart:
    def __init__(self, form):
        self.form = form

    def non_field_errors(self):
        return self.form.non_field_errors()

    def hidden_fields(self):
        return []

    def visible_fields(self):
        return [self.form["adopted_from"]]


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Geht an die Redaktion der federführenden Kommune; Ihre E-Mail-Adresse wird mitgeschickt."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Datei (CSV oder XLSX, höchstens 5 MB)"))
    publish = forms.BooleanField(label=_("gleich veröffentlichen"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        head = upload.read(8)
        upload.seek(0)
        name = upload.name.lower()
        if name.endswith(".xlsx"):
            if not head.startswith(b"PK\x03\x04"):
                raise forms.ValidationError(_("Die Datei ist keine Excel-Arbeitsmappe (.xlsx)."))
        elif name.endswith(".csv") or name.endswith(".txt"):
            if b"\x00" in upload.read(4096) or head.startswith(b"PK") or head.startswith(b"%PDF"):
                upload.seek(0)
                raise forms.ValidationError(_("Die Datei ist keine Textdatei (CSV)."))
            upload.seek(0)
        else:
            raise forms.ValidationError(_("Erlaubt sind CSV- und XLSX-Dateien."))
        return upload


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art"),
        choices=[
            ("image", _("Bild (PNG, JPEG, WebP; höchstens 5 MB)")),
            ("document", _("Dokument (PDF, Office, OpenDocument; höchstens 10 MB)")),
        ],
    )
    title = forms.CharField(
        label=_("Titel bzw. Bildbeschreibung"),
        max_length=200,
        help_text=_("Bei Bildern: was darauf zu sehen ist (Alternativtext)."),
    )
    file = forms.FileField(label=_("Datei"))

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or "kind" not in cleaned:
            return cleaned
        try:
            cleaned["checked"] = check_upload(upload, cleaned["kind"])
        except UploadRefused as refusal:
            self.add_error("file", str(refusal))
        return cleaned
