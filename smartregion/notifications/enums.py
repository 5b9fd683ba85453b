from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about; each kind has its own setting (immediately, daily digest, off) and its
    templates `notifications/kinds/<value>.txt` and `<value>_subject.txt`."""

    ACCESS_REQUEST = "zugangsanfrage", _("Neue Zugangsanfragen, über die ich entscheide")
    ACCESS_DECISION = "zugangsentscheidung", _("Entscheidungen über meine Zugangsanfragen")
    INVITATION = "einladung", _("Einladungen")
    EVENT_REGISTRATION = "anmeldung", _("Anmeldungen zu Treffen")
    WAITING_LIST = "warteliste", _("Nachrücken von der Warteliste")
    EVENT_CHANGED = "treffen_geaendert", _("Änderungen an Treffen, zu denen ich angemeldet bin")
    EVENT_CANCELLED = "treffen_abgesagt", _("Absagen von Treffen, zu denen ich angemeldet bin")
    REVIEW_REQUEST = "begutachtung", _("Bitten um eine Begutachtung")
    REVIEW_RESULT = "begutachtung_ergebnis", _("Ergebnisse von Begutachtungen")
    MODERATION = "moderation", _("Moderation meiner Beiträge")
    REPLY = "antwort", _("Antworten auf meine Kommentare")
    FOLLOW_UP = "aufgabe", _("Fällige und überfällige Aufgaben")
    PROGRAMME_DEADLINE = "foerderfrist", _("Fristen beobachteter Förderprogramme")
    SIMILAR_PROJECT = "aehnliches_projekt", _("Neue ähnliche Projekte bei beobachteten Kommunen")
    STALE_PROJECT = "projekt_pruefen", _("Projekte meiner Kommune, die seit einem Jahr niemand geändert hat")


class Delivery(models.TextChoices):
    IMMEDIATELY = "sofort", _("sofort per E-Mail")
    DIGEST = "taeglich", _("einmal täglich zusammengefasst")
    OFF = "aus", _("keine E-Mail (nur Posteingang)")


class MailState(models.TextChoices):
    PENDING = "wartet", _("wartet")
    SENDING = "sendet", _("wird gesendet")
    SENT = "gesendet", _("gesendet")
    FAILED = "gescheitert", _("gescheitert")


DIGEST = "zusammenfassung"  # the unsubscribe "kind" of the daily digest: turns every digest kind off
