"""The Digitalisierungskonzept (regional digital agenda): its four parts, measures and their monitoring.

An agenda belongs to a territory or an alliance. Its parts are the seed's: Ausgangslage (existing
concepts, the IST-assessment from the latest submitted self-assessment, local challenges), Akteure,
Vision und Ziele (goals with matrix cells and target levels), Maßnahmen (schedule, budget per year,
funding, KPIs, milestones) — and the participation around it (participation app).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.actors.enums import Sector
from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField

from .enums import AgendaStatus, BudgetSource, ConceptKind, MeasureStatus


class Agenda(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("Gebietskörperschaft oder Verbund"),
        on_delete=models.PROTECT,
        related_name="agendas",
    )
    title = models.CharField(_("Titel"), max_length=200)
    status = models.CharField(_("Status"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT)
    start_year = models.PositiveSmallIntegerField(
        _("erstes Jahr des Zeitplans"), help_text=_("Der Zeitplan der Maßnahmen umfasst die ersten drei Jahre.")
    )
    target_year = models.PositiveSmallIntegerField(_("Zieljahr der Vision"))
    challenges = models.TextField(
        _("Herausforderungen vor Ort"), blank=True, help_text=_("Die digitalen Herausforderungen in eigenen Worten.")
    )
    vision = models.TextField(_("Digitale Vision"), blank=True)
    decision_date = models.DateField(_("Ratsbeschluss am"), null=True, blank=True)
    decision_reference = models.CharField(_("Beschluss-Nr. / Vorlage"), max_length=100, blank=True)
    resolution = models.TextField(
        _("Beschlussvorschlag"),
        blank=True,
        help_text=_(
            "Der Text, über den der Rat abstimmt. Leer: der Vorschlag wird aus den Maßnahmen und ihrer "
            "Finanzierung erzeugt und bleibt aktuell."
        ),
    )
    consultation = models.OneToOneField(
        "participation.Consultation",
        verbose_name=_("öffentliche Beteiligung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_agenda",
    )
    team_discussion = models.OneToOneField(
        "participation.Consultation",
        verbose_name=_("Abstimmung im Team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="team_agenda",
    )
    is_example = models.BooleanField(_("Beispieldaten (Demo)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Digitalisierungskonzept")
        verbose_name_plural = _("Digitalisierungskonzepte")
        ordering = ["-start_year", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agendas:detail", args=[self.pk])

    @property
    def schedule_years(self) -> list[int]:
        from .enums import SCHEDULE_YEARS

        return [self.start_year + offset for offset in range(SCHEDULE_YEARS)]

    @property
    def is_public(self) -> bool:
        return self.status != AgendaStatus.DRAFT


class ExistingConcept(TimeStampedModel, RevisionedModel):
    """A concept the territory already has (Stadtentwicklung, Klimaschutz, …), summarised."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="concepts")
    kind = models.CharField(_("Art"), max_length=30, choices=ConceptKind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    summary = models.TextField(_("Zusammenfassung"))
    url = WebURLField(_("Link"), blank=True)
    document = models.FileField(_("Dokument"), upload_to="agendas/concepts/%Y/", blank=True)
    document_type = models.CharField(_("Dateityp"), max_length=120, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("vorhandenes Konzept")
        verbose_name_plural = _("vorhandene Konzepte")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class AgendaActor(TimeStampedModel, RevisionedModel):
    """A regional actor in the agenda: from the expert directory or added locally, with their role."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="actors")
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("aus dem Experten-Forum"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_roles",
    )
    name = models.CharField(_("Name"), max_length=200, blank=True, help_text=_("Nur für lokal ergänzte Akteure."))
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    sector = models.CharField(_("Bereich"), max_length=20, choices=Sector.choices)
    role = models.CharField(_("Rolle im Prozess"), max_length=300)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Akteur der Agenda")
        verbose_name_plural = _("Akteure der Agenda")
        ordering = ["sector", "name", "id"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.actor_id and not self.name:
            return self.actor.name
        return self.name

    @property
    def display_organisation(self) -> str:
        if self.actor_id and not self.organisation:
            return self.actor.organisation
        return self.organisation


class Goal(TimeStampedModel, RevisionedModel):
    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(_("Nummer"), default=1)
    title = models.CharField(_("Ziel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    target_year = models.PositiveSmallIntegerField(_("Zieljahr"))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"Z{self.position} {self.title}"


class GoalTarget(TimeStampedModel):
    """A goal aims at a level in a cell of the Smart-Region-Matrix; the baseline is the level when it was set."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    cell = models.ForeignKey("assessments.Cell", verbose_name=_("Zelle der Matrix"), on_delete=models.PROTECT)
    target_level = models.PositiveSmallIntegerField(_("Zielstufe"))
    baseline_level = models.PositiveSmallIntegerField(_("Ausgangsstufe"), null=True, blank=True)
    baseline_cycle = models.PositiveSmallIntegerField(_("Ausgangszyklus"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Zielstufe")
        verbose_name_plural = _("Zielstufen")
        constraints = [models.UniqueConstraint(fields=["goal", "cell"], name="goal_target_unique_cell")]

    def __str__(self) -> str:
        return f"{self.goal} → {self.cell_id}: {self.target_level}"


class Measure(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    """A concrete implementation project of the agenda, scheduled and monitored."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveSmallIntegerField(_("Nummer"), default=1)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    goals = models.ManyToManyField(Goal, verbose_name=_("trägt bei zu"), blank=True, related_name="measures")
    domains = models.ManyToManyField(
        "taxonomy.Domain", verbose_name=_("Handlungsfelder"), blank=True, related_name="measures"
    )
    responsible_actor = models.ForeignKey(
        AgendaActor,
        verbose_name=_("verantwortlich (Akteur)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    responsible_territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("verantwortliche Kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partners = models.CharField(_("Partner"), max_length=500, blank=True)
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"))
    depends_on = models.ManyToManyField(
        "self", verbose_name=_("hängt ab von"), symmetrical=False, blank=True, related_name="dependents"
    )
    recommendations = models.ManyToManyField(
        "toolkit.Recommendation", verbose_name=_("folgt den Empfehlungen"), blank=True, related_name="measures"
    )
    funding_programme = models.ForeignKey(
        "funding.FundingProgramme",
        verbose_name=_("Förderprogramm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
    )
    funding_note = models.CharField(
        _("Finanzierung (weitere Angaben)"),
        max_length=300,
        blank=True,
        help_text=_("Eigenmittel, anderes Förderprogramm, Sponsoring …"),
    )
    adopted_from = models.ForeignKey(
        "projects.Project",
        verbose_name=_("Nachnutzung von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_measures",
    )
    # The latest progress update, kept with the measure so that overviews read one row per measure.
    status = models.CharField(_("Status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    progress = models.PositiveSmallIntegerField(_("Fortschritt in %"), default=0)
    progress_reported_on = models.DateField(_("Stand"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[goals, domains])

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"M{self.position} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("agendas:measure", args=[self.agenda_id, self.pk])

    @property
    def code(self) -> str:
        return f"M{self.position}"


class MeasureBudget(models.Model):
    """An amount of a measure in one year from one source: Fördermittel (from the measure's programme),
    Eigenanteil (the territory's own share) or Folgekosten (running costs after the project)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    source = models.CharField(_("Quelle"), max_length=20, choices=BudgetSource.choices, default=BudgetSource.OWN_SHARE)
    amount_eur = models.DecimalField(_("Betrag in Euro"), max_digits=12, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Budget je Jahr und Quelle")
        verbose_name_plural = _("Budgets je Jahr und Quelle")
        ordering = ["year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year", "source"], name="measure_budget_unique_year_source")
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.year} {self.source}: {self.amount_eur}"


class Milestone(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Meilenstein"), max_length=200)
    due_on = models.DateField(_("geplant bis"))
    met_on = models.DateField(_("erreicht am"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Kpi(models.Model):
    """A key figure of a measure: where it started and where it should get to."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("Kennzahl"), max_length=200)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("Ausgangswert"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("Zielwert"), max_digits=14, decimal_places=2, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ProgressUpdate(TimeStampedModel):
    """One report on a measure: status, percent done, a short note (monitoring)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("Stand vom"))
    status = models.CharField(_("Status"), max_length=20, choices=MeasureStatus.choices)
    progress = models.PositiveSmallIntegerField(_("Fortschritt in %"))
    note = models.TextField(_("Notiz"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemeldet von"), null=True, on_delete=models.SET_NULL
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Fortschrittsmeldung")
        verbose_name_plural = _("Fortschrittsmeldungen")
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.reported_on}: {self.progress} %"


class KpiValue(models.Model):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="kpi_values")
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("Wert einer Kennzahl")
        verbose_name_plural = _("Werte der Kennzahlen")
        ordering = ["update__reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.kpi_id}: {self.value}"
