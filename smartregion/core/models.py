"""Building blocks shared by every domain model. No domain logic lives here. One concrete model: the messages of
the accessibility statement's feedback form, which belong to the site itself (core.accessibility)."""

import calendar
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class AliveQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)


class AliveManager(models.Manager.from_queryset(AliveQuerySet)):
    """The default manager of soft-deletable models: deleted rows are invisible."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeleteModel(models.Model):
    """Domain objects are never removed from the database by the application.

    `delete()` marks the row; `restore()` brings it back; `all_objects` sees everything.
    """

    deleted_at = models.DateTimeField(_("gelöscht am"), null=True, blank=True, editable=False)

    objects = AliveManager()
    all_objects = models.Manager.from_queryset(AliveQuerySet)()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def delete(self, using=None, keep_parents=False):
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at"] + (["updated_at"] if hasattr(self, "updated_at") else []))
        return (0, {})

    def restore(self):
        self.deleted_at = None
        self.save(update_fields=["deleted_at"])

    def hard_delete(self):
        return super().delete()


class RevisionedModel(models.Model):
    """Optimistic locking: every save through `save_revision` raises the revision by one.

    Forms carry the revision they were rendered with; a save with a stale revision is a conflict
    (see `smartregion.core.concurrency`).
    """

    revision = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    class Meta:
        abstract = True


def attachment_upload_to(instance, filename: str) -> str:
    """A stored name nobody can guess or collide with: the owner's folder, a random name, the checked extension."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{instance.storage_folder()}/{uuid.uuid4().hex}.{extension}"


class Attachment(TimeStampedModel, SoftDeleteModel):
    """A file that belongs to one object (a project's image, a guide's template), checked by content on upload
    (core.attachments) and served only through a permission-checked view (core.downloads.file_response).

    A concrete attachment adds the foreign key to its owner, `storage_folder()` and its `history`."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Bild")
        DOCUMENT = "document", _("Dokument")

    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=attachment_upload_to)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveIntegerField(_("Größe in Bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["kind", "created_at"]

    def __str__(self) -> str:
        return self.title

    def storage_folder(self) -> str:
        raise NotImplementedError

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else "bin"

    @property
    def download_name(self) -> str:
        """The name a download is saved under: the title as a slug and the stored extension."""
        return f"{slugify(self.title)[:60] or 'datei'}.{self.extension}"

    @property
    def is_image(self) -> bool:
        return self.kind == self.Kind.IMAGE


class AccessibilityFeedback(TimeStampedModel):
    """A message sent with the feedback form of the accessibility statement (BGG §12b, BITV 2.0 §7): a barrier
    reported or accessible content asked for. The operator answers within a month (core.accessibility)."""

    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"))
    page = models.CharField(_("Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"))
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    answered_by = models.CharField(_("beantwortet von"), max_length=254, blank=True)
    reminded_at = models.DateTimeField(_("zuletzt erinnert am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")

    def __str__(self):
        return f"{self.email} ({self.created_at:%Y-%m-%d})" if self.created_at else self.email

    @property
    def reply_due(self):
        """The day by which the operator answers: one calendar month after receipt."""
        return add_one_month(timezone.localdate(self.created_at))

    @property
    def overdue(self) -> bool:
        return self.answered_at is None and timezone.localdate() > self.reply_due


def add_one_month(day):
    """The same day of the next month; the month's last day when it has no such day (31 January → 28/29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
