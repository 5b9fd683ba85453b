"""Reading a stored file in pieces, from the file system or from an S3 bucket (ADR 0025).

With object storage (`STORAGE_S3_BUCKET`) a file is streamed from the bucket to the person who may see it:
django-storages' own file object would download the whole object before the first byte goes out, and a
bucket address (even a signed one) would hand the file to whoever holds the link.
"""

from django.core.files.storage import default_storage
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.utils import timezone


def open_stream(field_file: FieldFile):
    """A file object to read the stored file in pieces, and its size in bytes (None: the response finds it).
    FileNotFoundError when the file is gone."""
    from storages.backends.s3 import S3Storage

    storage = field_file.storage
    if not isinstance(storage, S3Storage):
        return field_file.open("rb"), None
    from botocore.exceptions import ClientError
    from storages.utils import clean_name

    key = storage._normalize_name(clean_name(field_file.name))
    try:
        found = storage.bucket.Object(key).get()
    except ClientError as error:
        if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
            raise FileNotFoundError(field_file.name) from error
        raise
    return found["Body"], found["ContentLength"]


class StoredVersions:
    """Files a scheduled task writes again and again (the whole DCAT catalogue, the whole project catalogue):
    each run saves a new file `<folder>/<prefix><time><suffix>` and only then deletes the older ones, so a
    download never meets a half-written or missing file. `newest()` is what core.downloads.file_response serves."""

    def __init__(self, folder: str, prefix: str, suffix: str):
        self.folder, self.prefix, self.suffix = folder, prefix, suffix

    def names(self) -> list[str]:
        """The stored files, oldest first (their names carry the time they were written)."""
        try:
            _folders, files = default_storage.listdir(self.folder)
        except FileNotFoundError:  # on disk, before the first file (a bucket lists an empty prefix)
            return []
        return sorted(
            f"{self.folder}/{name}" for name in files if name.startswith(self.prefix) and name.endswith(self.suffix)
        )

    def newest(self) -> FieldFile | None:
        names = self.names()
        return FieldFile(None, FileField(storage=default_storage), names[-1]) if names else None

    def replace(self, content) -> str:
        """Store `content` (a django File) as the newest version, then delete the older ones; returns its name."""
        older = self.names()
        name = default_storage.save(
            f"{self.folder}/{self.prefix}{timezone.now():%Y%m%dT%H%M%S%f}{self.suffix}", content
        )
        for stale in older:
            if stale != name:
                default_storage.delete(stale)
        return name
