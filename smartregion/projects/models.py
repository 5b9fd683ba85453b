from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import Attachment, RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField

from .enums import OpenSource, Origin, ProjectStatus, Publication


class Project(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    """An Umsetzungsbeispiel: a municipal digital project with what a copier needs to know."""

    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurzbeschreibung"))
    problem = models.TextField(_("Welches Problem wird gelöst?"), blank=True)
    solution = models.TextField(_("Lösung"), blank=True)

    lead_territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("federführende Gebietskörperschaft"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    lead_label = models.CharField(
        _("Federführung (Bezeichnung)"),
        max_length=200,
        blank=True,
        help_text=_("Nur wenn es keinen amtlichen Schlüssel gibt."),
    )
    partner_territories = models.ManyToManyField(
        "territories.Territory", verbose_name=_("Partnerkommunen"), blank=True, related_name="partner_projects"
    )
    # Denormalised from the lead territory for facets and peer filters (set by the services).
    land = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Land"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    regbez = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Regierungsbezirk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kreis = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Kreis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    size_class = models.CharField(_("Größenklasse"), max_length=20, blank=True, db_index=True)
    urbanisation = models.PositiveSmallIntegerField(_("Verstädterungsgrad"), null=True, blank=True)
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)

    primary_domain = models.ForeignKey(
        "taxonomy.Domain",
        verbose_name=_("Handlungsfeld"),
        null=True,
        on_delete=models.PROTECT,
        related_name="primary_projects",
    )
    domains = models.ManyToManyField(
        "taxonomy.Domain", verbose_name=_("weitere Handlungsfelder"), blank=True, related_name="projects"
    )
    keywords = models.ManyToManyField(
        "taxonomy.Keyword", verbose_name=_("Stichworte"), blank=True, related_name="projects"
    )

    status = models.CharField(
        _("Status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNING, db_index=True
    )
    start_year = models.PositiveSmallIntegerField(_("Startjahr"), null=True, blank=True, db_index=True)
    end_year = models.PositiveSmallIntegerField(_("Endjahr"), null=True, blank=True)
    budget_eur = models.DecimalField(_("Budget in Euro"), max_digits=14, decimal_places=2, null=True, blank=True)
    funding_sources = models.CharField(_("Förderung / Finanzierung"), max_length=300, blank=True)
    partner_organisations = models.TextField(_("Partnerorganisationen"), blank=True)

    contact_name = models.CharField(_("Ansprechperson"), max_length=150, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=50, blank=True)
    contact_consent = models.BooleanField(_("Kontakt darf veröffentlicht werden"), default=False)

    prerequisites = models.TextField(_("Voraussetzungen"), blank=True)
    effort = models.TextField(_("Aufwand für die Einführung"), blank=True)
    running_costs = models.TextField(_("laufende Kosten"), blank=True)
    operator_model = models.TextField(_("Betreibermodell"), blank=True)
    data_used = models.TextField(_("genutzte Daten"), blank=True)
    interfaces_standards = models.TextField(_("Schnittstellen und Standards"), blank=True)
    open_source = models.CharField(
        _("Open Source"), max_length=10, choices=OpenSource.choices, default=OpenSource.UNKNOWN, db_index=True
    )
    licence = models.CharField(_("Lizenz"), max_length=100, blank=True)
    repository_url = WebURLField(_("Quellcode-Repository"), blank=True)
    publiccode_url = WebURLField(
        _("publiccode.yml"), blank=True, help_text=_("Adresse der publiccode.yml-Datei, wenn das Projekt Software ist.")
    )
    website = WebURLField(_("Projektwebsite"), blank=True)
    lessons_learned = models.TextField(_("Erfahrungen und Lehren"), blank=True)
    is_reusable = models.BooleanField(_("zur Nachnutzung geeignet"), default=False, db_index=True)

    # The project this one re-uses (Nachnutzung): set by "Nachnutzen" or linked by the re-user (lineage.py).
    adopted_from = models.ForeignKey(
        "self",
        verbose_name=_("Nachnutzung von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
    )
    # Fingerprints of the original's texts a copy started with (lineage.copied_fingerprints): publishing
    # is refused while one of them is still the project's text. Not in the history: it never changes.
    copied_texts = models.JSONField(_("aus dem Original übernommene Texte"), default=dict, blank=True, editable=False)

    publication = models.CharField(
        _("Veröffentlichung"), max_length=20, choices=Publication.choices, default=Publication.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    origin = models.CharField(_("Herkunft"), max_length=20, choices=Origin.choices, default=Origin.ENTERED)
    external_id = models.CharField(_("Kennung in der Quelle"), max_length=40, blank=True, db_index=True)
    source_urls = models.JSONField(_("Quellen"), default=list, blank=True)
    source_as_of = models.CharField(_("Stand der Quellen"), max_length=10, blank=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "copied_texts"], m2m_fields=[domains, keywords, partner_territories]
    )

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["publication", "status"], name="project_publication_status"),
            # "Projects nearby" (similarity.py) reads the ids of the projects in some Kreise: index only.
            models.Index(fields=["kreis", "id"], name="project_kreis_id"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.publication == Publication.PUBLISHED

    @property
    def lead_name(self) -> str:
        return self.lead_territory.name if self.lead_territory_id else self.lead_label


class ProjectAttachment(Attachment):
    """An image or document of a project."""

    Kind = Attachment.Kind

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="attachments"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta(Attachment.Meta):
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")

    def storage_folder(self) -> str:
        return f"projects/{self.project_id}"
