"""Building blocks shared by every domain model. No domain logic lives here."""

from django.db import models
from django.utils import timezone
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
