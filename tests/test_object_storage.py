"""Uploads in an S3 bucket, served only through the permission-checked views (ADR 0025), against moto's
standalone S3 server (a real HTTP server speaking the S3 protocol; tests.services.MotoServer).

The storage options are the ones settings.py builds from STORAGE_S3_* (read from a process started with
them), so what is tested is what production runs. Under `make test-production` the whole suite runs on
that bucket already; these tests then use it.
"""

import json
import os
import subprocess  # nosec B404
import sys

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from storages.backends.s3 import S3Storage

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.projects import services as project_services
from smartregion.projects.models import ProjectAttachment
from smartregion.taxonomy.models import Domain
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from .factories import UserFactory
from .services import MotoServer, worker_name

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
KEYS = {"STORAGE_S3_ACCESS_KEY": "testing", "STORAGE_S3_SECRET_KEY": "testing", "STORAGE_S3_REGION": "us-east-1"}


def storages_from_settings(environment: dict) -> dict:
    """settings.STORAGES of a process started with these variables."""
    script = (
        "import django, json; django.setup(); from django.conf import settings; print(json.dumps(settings.STORAGES))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartregion.settings", **environment}
    output = subprocess.run(  # nosec B603 - fixed arguments
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def bucket():
    """(endpoint, bucket name, STORAGES): the suite's own bucket under make test-production, else a moto server
    of this module."""
    from django.conf import settings

    if settings.STORAGE_S3_BUCKET:
        options = settings.STORAGES["default"]["OPTIONS"]
        yield options["endpoint_url"], options["bucket_name"], settings.STORAGES
        return
    server = MotoServer().start()
    try:
        name = f"uploads-{worker_name()}"
        environment = {**KEYS, "STORAGE_S3_BUCKET": name, "STORAGE_S3_ENDPOINT_URL": server.url}
        boto3.client("s3", endpoint_url=server.url, **_credentials()).create_bucket(Bucket=name)
        yield server.url, name, storages_from_settings(environment)
    finally:
        server.stop()


def _credentials() -> dict:
    return {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


@pytest.fixture
def s3(bucket, db):
    endpoint, name, storages = bucket
    with override_settings(STORAGES=storages):
        yield boto3.client("s3", endpoint_url=endpoint, **_credentials()), name, endpoint


def stored_keys(s3_client, name: str) -> set[str]:
    return {item["Key"] for item in s3_client.list_objects_v2(Bucket=name).get("Contents", [])}


def test_the_bucket_setting_switches_storage_to_s3_with_private_files():
    storages = storages_from_settings({"STORAGE_S3_BUCKET": "hub", "STORAGE_S3_ENDPOINT_URL": "http://s3.example"})
    default = storages["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "hub"
    assert default["OPTIONS"]["default_acl"] is None  # never public-read
    assert default["OPTIONS"]["file_overwrite"] is False
    assert (
        "whitenoise" in storages["staticfiles"]["BACKEND"] or "StaticFilesStorage" in storages["staticfiles"]["BACKEND"]
    )
    assert storages_from_settings({"STORAGE_S3_BUCKET": ""})["default"]["BACKEND"].endswith("FileSystemStorage")


def test_an_upload_lands_in_the_bucket_and_is_served_only_through_its_view(s3, client):
    s3_client, name, endpoint = s3
    jena = Territory.objects.get(ags="16053000")
    admin = UserFactory(is_superuser=True, is_staff=True)
    editor, stranger = UserFactory(), UserFactory()
    territory_roles.grant_territory_role(user=editor, territory=jena, role=TerritoryRoleKind.EDITOR)
    project = project_services.create_project(
        by=admin, lead_territory=jena, title="Entwurf mit Plan", summary="s", primary_domain=Domain.objects.first()
    )  # a draft: only Jena's people may see it and its files

    client.force_login(editor)
    response = client.post(
        reverse("projects:attachment_upload", args=[project.pk]),
        {"kind": "document", "title": "Plan", "file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    attachment = ProjectAttachment.objects.get(project=project)
    assert isinstance(attachment.file.storage, S3Storage)
    key = attachment.file.storage._normalize_name(attachment.file.name)
    assert key in stored_keys(s3_client, name)
    assert s3_client.get_object(Bucket=name, Key=key)["Body"].read() == PDF

    url = reverse("projects:attachment", args=[project.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Length"] == str(len(PDF))
    assert endpoint not in str(response.headers)  # streamed by the application, no bucket address handed out
    # The project page links the view, never the bucket.
    page = client.get(project.get_absolute_url()).content.decode()
    assert endpoint not in page and "X-Amz-" not in page

    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404

    # Removing the attachment keeps the file: the history still names it (as with files on disk).
    client.force_login(editor)
    remove = client.post(reverse("projects:attachment_remove", args=[project.pk, attachment.pk]))
    assert remove.status_code == 302
    assert not ProjectAttachment.objects.filter(pk=attachment.pk).exists()
    assert key in stored_keys(s3_client, name)


def test_a_file_gone_from_the_bucket_is_a_404(s3, client):
    s3_client, name, _endpoint = s3
    jena = Territory.objects.get(ags="16053000")
    admin = UserFactory(is_superuser=True, is_staff=True)
    project = project_services.publish_project(
        project_services.create_project(
            by=admin, lead_territory=jena, title="Verlorene Datei", summary="s", primary_domain=Domain.objects.first()
        ),
        by=admin,
    )
    attachment = ProjectAttachment(project=project, kind="document", title="Plan", content_type="application/pdf")
    attachment.size = len(PDF)
    attachment.file.save("plan.pdf", SimpleUploadedFile("plan.pdf", PDF), save=False)
    attachment.save()
    url = reverse("projects:attachment", args=[project.pk, attachment.pk])
    assert client.get(url).status_code == 200
    s3_client.delete_object(Bucket=name, Key=attachment.file.storage._normalize_name(attachment.file.name))
    assert client.get(url).status_code == 404


def test_two_uploads_of_one_name_keep_both_files(s3):
    s3_client, name, _endpoint = s3
    first = default_storage.save("proben/plan.pdf", SimpleUploadedFile("plan.pdf", b"%PDF-1 first"))
    second = default_storage.save("proben/plan.pdf", SimpleUploadedFile("plan.pdf", b"%PDF-1 second"))
    assert first != second
    assert default_storage.open(first).read() == b"%PDF-1 first"
    assert default_storage.open(second).read() == b"%PDF-1 second"
