"""Shared definitions of terms (Glossar), German and English; terms in texts link to them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartregion.core.models import RevisionedModel, SoftDeleteModel, TimeStampedModel
from smartregion.core.weburl import WebURLField


class Term(TimeStampedModel, SoftDeleteModel, RevisionedModel):
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    term_de = models.CharField(_("Begriff (deutsch)"), max_length=120)
    term_en = models.CharField(_("Begriff (englisch)"), max_length=120)
    definition_de = models.TextField(_("Erklärung (deutsch)"))
    definition_en = models.TextField(_("Erklärung (englisch)"))
    aliases = models.CharField(
        _("andere Schreibweisen"),
        max_length=300,
        blank=True,
        help_text=_("Durch Kommas getrennt; auch diese Schreibweisen werden in Texten verlinkt."),
    )
    source_url = WebURLField(_("Quelle"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Begriff")
        verbose_name_plural = _("Begriffe")
        ordering = ["term_de"]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("glossary:detail", args=[self.slug])

    @property
    def term(self) -> str:
        return self.term_en if (get_language() or "de").startswith("en") else self.term_de

    @property
    def definition(self) -> str:
        return self.definition_en if (get_language() or "de").startswith("en") else self.definition_de

    @property
    def spellings(self) -> list[str]:
        """Every form that links to this term in a text, longest first."""
        forms = {self.term_de, self.term_en, *(alias.strip() for alias in self.aliases.split(","))}
        return sorted((form for form in forms if form), key=len, reverse=True)
