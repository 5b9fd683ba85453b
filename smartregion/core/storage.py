"""Reading a stored file in pieces, from the file system or from an S3 bucket (ADR 0025).

With object storage (`STORAGE_S3_BUCKET`) a file is streamed from the bucket to the person who may see it:
django-storages' own file object would download the whole object before the first byte goes out, and a
bucket address (even a signed one) would hand the file to whoever holds the link.
"""

from django.db.models.fields.files import FieldFile


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
