from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TaxonomyVersion(models.Model):
    """One loaded edition of the reference file `data/handlungsfelder-v*.json`."""

    version = models.CharField(_("Version"), max_length=20, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    note = models.TextField(_("Hinweis"), blank=True)
    loaded_at = models.DateTimeField(_("eingelesen am"), auto_now=True)

    class Meta:
        verbose_name = _("Version der Handlungsfelder")
        verbose_name_plural = _("Versionen der Handlungsfelder")
        ordering = ["-version"]

    def __str__(self) -> str:
        return self.version


class DomainQuerySet(models.QuerySet):
    def active(self):
        """The Handlungsfelder in use, in their order."""
        return self.filter(is_active=True).order_by("position")


class Domain(models.Model):
    """A Handlungsfeld, shared by projects, the matrix, experts and funding programmes."""

    key = models.SlugField(_("Schlüssel"), max_length=60, unique=True)
    introduced_in = models.ForeignKey(
        TaxonomyVersion, verbose_name=_("eingeführt in"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    label_de = models.CharField(_("Bezeichnung (deutsch)"), max_length=120)
    label_en = models.CharField(_("Bezeichnung (englisch)"), max_length=120)
    description_de = models.TextField(_("Beschreibung (deutsch)"), blank=True)
    description_en = models.TextField(_("Beschreibung (englisch)"), blank=True)
    bitkom_areas = models.JSONField(_("Bereiche Bitkom Smart City Index"), default=list, blank=True)
    u4ssc_dimensions = models.JSONField(_("Teildimensionen ITU U4SSC"), default=list, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = DomainQuerySet.as_manager()

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "de").startswith("en") else self.label_de

    @property
    def description(self) -> str:
        return self.description_en if (get_language() or "de").startswith("en") else self.description_de


class Keyword(models.Model):
    """A free keyword (Stichwort); spellings that normalise alike are one keyword."""

    label = models.CharField(_("Stichwort"), max_length=80)
    normalized = models.CharField(_("Normalform"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("Stichwort")
        verbose_name_plural = _("Stichworte")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label
