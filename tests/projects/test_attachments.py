import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from smartregion.projects.models import ProjectAttachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(make_project, jena):
    return make_project(jena)


def png(width, height) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (26, 61, 165)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, project, name, content, kind, title="Datei"):
    return client.post(
        reverse("projects:attachment_upload", args=[project.pk]),
        {"kind": kind, "title": title, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_image_is_checked_resized_and_shown_with_alt_text(client, project, jena_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(jena_editor)
    upload(client, project, "foto.png", png(4000, 2000), "image", title="Sensor am Laternenmast")
    attachment = ProjectAttachment.objects.get(project=project)
    with attachment.file.open("rb") as handle, Image.open(handle) as stored:  # on disk or in the bucket
        assert max(stored.size) == 1600
    html = client.get(project.get_absolute_url()).content.decode()
    assert 'alt="Sensor am Laternenmast"' in html


def test_html_renamed_to_pdf_is_refused(client, project, jena_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(jena_editor)
    response = upload(client, project, "bericht.pdf", b"<html><script>alert(1)</script></html>", "document")
    assert "Erlaubt sind PDF-" in response.content.decode()
    assert not ProjectAttachment.objects.exists()


def test_svg_is_refused_as_image(client, project, jena_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(jena_editor)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload(client, project, "logo.svg", svg, "image")
    assert "kein Bild" in response.content.decode()
    assert not ProjectAttachment.objects.exists()


def test_real_pdf_is_accepted_and_listed(client, project, jena_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(jena_editor)
    upload(client, project, "konzept.pdf", b"%PDF-1.4\n%fake but signed\n", "document", title="Konzept")
    attachment = ProjectAttachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.file.name.endswith(".pdf")


def test_oversized_upload_is_refused(client, project, jena_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(jena_editor)
    response = upload(client, project, "gross.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1), "document")
    assert "größer als 10 MB" in response.content.decode()
    assert not ProjectAttachment.objects.exists()
