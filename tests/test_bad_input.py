"""Bad input never crashes (issue 19, findings 5, 6 and 10; docs/adr/0018-bad-input.md).

The whole corpus in tests/fixtures/bad-input/ (plus the large files made at test time) is thrown at every import
(through its service and through its page, as a user who may import) and at every upload (project attachments as
image and as document, guide attachments, documents of existing concepts, partnership agreements). Every file
gets a German message – with the line where the file has one – and nothing is written: every model of the apps
involved, their history tables and many-to-many tables included, counts the same rows before and after, and no
file lands in MEDIA_ROOT. The same holds on SQLite and PostgreSQL (`make test-postgres`).
"""

import importlib.util
import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from PIL import Image

from smartregion.core.attachments import UploadRefused, check_document, check_image
from smartregion.core.csvio import ImportRejected, RowError
from smartregion.core.weburl import WebURLField, is_web_url, safe_href, validate_web_url
from smartregion.funding.importer import import_programmes
from smartregion.funding.models import FundingProgramme
from smartregion.opendata.importer import import_datasets
from smartregion.opendata.models import Dataset, Distribution
from smartregion.projects import services as project_services
from smartregion.projects.importer import import_projects
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories import api_tokens
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory
from smartregion.territories.register_file import read_register

from .factories import UserFactory

pytestmark = pytest.mark.django_db

CORPUS_DIR = Path(__file__).resolve().parent / "fixtures" / "bad-input"
_spec = importlib.util.spec_from_file_location("bad_input_corpus", CORPUS_DIR / "make_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

CONTROLS = {"control-good.csv", "control-good.xlsx"}
SMALL = corpus.small_files()
LARGE = corpus.large_files()
FILES = {name: content for name, content in {**SMALL, **LARGE}.items() if name not in CONTROLS}
APPS = ["projects", "funding", "opendata", "taxonomy", "toolkit", "agendas", "network", "events", "participation"]

# What each importer says about each file (a fragment of one of its errors). One string: all three say it.
BY_ALL = object()
EXPECTED = {
    "bom-invalid-utf8.csv": "Zeile 2: Die Datei ist als UTF-8 gekennzeichnet, enthält aber ungültige Zeichen.",
    "broken-sheet.xlsx": "Zeile 3: Die Excel-Arbeitsmappe ist beschädigt",
    "nul-in-sheet.xlsx": "Zeile 2: Die Excel-Arbeitsmappe ist beschädigt",
    "not-a-workbook.xlsx": "Zeile 1: Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).",
    "huge-number.csv": {
        "projects": "Zeile 2, Spalte „startjahr“: „18446744073709551616000“ ist kein Jahr",
        "funding": "Zeile 2, Spalte „einwohner_min“: „18446744073709551616000“ liegt außerhalb des erlaubten Bereichs",
        "opendata": "Zeile 2, Spalte „raeumliche_abdeckung_ars“: Die Datei gehört zu 18446744073709551616000",
    },
    "negative-number.csv": {
        "projects": "Zeile 2, Spalte „startjahr“: „-2022“ ist kein Jahr",
        "funding": "Zeile 2, Spalte „foerderquote_max_prozent“: „-1“ liegt außerhalb des erlaubten Bereichs (0 bis",
        "opendata": "Zeile 2, Spalte „raeumliche_abdeckung_ars“: Die Datei gehört zu -16070029",
    },
    "number-beyond-column.csv": {
        "projects": "Zeile 2, Spalte „startjahr“: „40000“ ist kein Jahr",
        "funding": "Zeile 2, Spalte „einwohner_max“: „3000000000“ liegt außerhalb des erlaubten Bereichs",
        "opendata": "Zeile 2, Spalte „raeumliche_abdeckung_ars“",
    },
    "text-beyond-column.csv": {
        "projects": "Zeile 2, Spalte „titel“: Titel ist länger als 200 Zeichen.",
        "funding": "Zeile 2, Spalte „name“: Bitte sicherstellen, dass der Wert aus höchstens 300 Zeichen besteht.",
        "opendata": "Zeile 2, Spalte „url“: Bitte sicherstellen, dass der Wert aus höchstens 500 Zeichen besteht.",
    },
    "nul-bytes.csv": "Zeile 2: Die Datei enthält ein Nullzeichen (NUL)",
    "header-only.csv": "Zeile 2: Die Datei enthält keine Datenzeilen.",
    "header-only-blank-lines.csv": "Zeile 2: Die Datei enthält keine Datenzeilen.",
    "empty.csv": "Zeile 1: Die Datei ist leer.",
    "javascript-url.csv": {
        "projects": "Zeile 2, Spalte „quelle“: „javascript:alert(document.cookie)“ ist keine Web-Adresse",
        "funding": "Zeile 2, Spalte „url“: „javascript:alert(document.cookie)“ ist keine Web-Adresse",
        "opendata": "Zeile 2, Spalte „url“: „javascript:alert(document.cookie)“ ist keine Web-Adresse",
    },
    "data-url.csv": {
        "projects": "Zeile 2, Spalte „quelle“: „data:text/html,<script>alert(1)</script>“ ist keine Web-Adresse",
        "funding": "Zeile 2, Spalte „url“: „ftp://example.org/x“ ist keine Web-Adresse",
        "opendata": "Zeile 2, Spalte „url“: „ftp://example.org/x“ ist keine Web-Adresse",
    },
    "wrong-delimiter.csv": "Zeile 2: 4 Werte statt 1 wie in der Kopfzeile.",
    "too-many-columns.csv": "Zeile 3: 43 Werte statt 41 wie in der Kopfzeile.",
    "unclosed-quote.csv": "Zeile 3: 1 Werte statt 41 wie in der Kopfzeile.",
    "html-renamed.csv": "Zeile 2: Die Datei enthält keine Datenzeilen.",
    "html-renamed.pdf": "Zeile 2: Die Datei enthält keine Datenzeilen.",
    "svg-image.png": "Zeile 2: Die Datei enthält keine Datenzeilen.",
    "decompression-bomb.png": "Zeile 3: Die Datei enthält ein Nullzeichen (NUL)",
    "truncated-image.png": "Zeile 3: Die Datei enthält ein Nullzeichen (NUL)",
    "field-over-limit.csv": "Zeile 2: Ein Feld ist länger als 131.072 Zeichen",
    "decompression-bomb-100kb.png": "Zeile 3: Die Datei enthält ein Nullzeichen (NUL)",
    "zip-bomb.xlsx": "Zeile 1: Die Excel-Arbeitsmappe ist entpackt größer als 100 MB.",
}
IMAGE_REFUSAL = {
    "decompression-bomb.png": "Das Bild hat zu viele Bildpunkte (höchstens 40 Megapixel).",
    "decompression-bomb-100kb.png": "Das Bild hat zu viele Bildpunkte (höchstens 40 Megapixel).",
}
DOCUMENT_REFUSAL = {
    "broken-sheet.xlsx": "Die Datei ist beschädigt: ein Teil des Dokuments lässt sich nicht lesen.",
    "nul-in-sheet.xlsx": "Die Datei ist beschädigt: ein Teil des Dokuments lässt sich nicht lesen.",
}
NOT_AN_IMAGE = "Die Datei ist kein Bild (erlaubt: PNG, JPEG, WebP)."
NOT_A_DOCUMENT = "Erlaubt sind PDF-, Word-, Excel-, PowerPoint- und OpenDocument-Dateien."
EMPTY_UPLOAD = "Die übermittelte Datei ist leer."
# What the import pages' forms refuse before the importer reads a file (by name, or by the first bytes).
FORM_REFUSALS = {
    "Erlaubt sind CSV- und XLSX-Dateien.",
    "Die Datei ist keine Excel-Arbeitsmappe (.xlsx).",
    "Die Datei ist keine Textdatei (CSV).",
    EMPTY_UPLOAD,
}


def expected(name: str, importer: str) -> str:
    value = EXPECTED[name]
    return value[importer] if isinstance(value, dict) else value


def snapshot() -> dict[str, int]:
    """Rows of every model of the apps an import or upload could touch (history and m2m tables included)."""
    counts = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            counts[model._meta.label] = model._base_manager.count()
    return counts


def stored_files(folder: str = "") -> set[str]:
    """Every file in the default storage (the test's media folder, or the worker's folder of the S3 bucket)."""
    from django.core.files.storage import default_storage

    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return set()
    found = {f"{folder}/{name}".lstrip("/") for name in files}
    for sub in folders:
        found |= stored_files(f"{folder}/{sub}".lstrip("/"))
    return found


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def ilmenau_editor(ilmenau):
    from smartregion.accounts.enums import TerritoryRoleKind

    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=ilmenau, role=TerritoryRoleKind.EDITOR)
    return user


def _upload(name: str, content: bytes):
    return SimpleUploadedFile(name, content, "application/octet-stream")


# --- The corpus itself -----------------------------------------------------------------------------------------


def test_the_committed_corpus_is_what_its_script_makes():
    on_disk = {path.name: path.read_bytes() for path in CORPUS_DIR.iterdir() if path.name != "make_corpus.py"}
    assert on_disk == SMALL
    assert max(len(content) for content in SMALL.values()) < 8 * 1024  # small: the large ones are made here
    assert set(EXPECTED) == set(FILES)


# --- Imports: the services ---------------------------------------------------------------------------------------

IMPORTERS = {
    "projects": lambda data, name, territory, user: import_projects(data, file_name=name, by=user),
    "funding": lambda data, name, territory, user: import_programmes(data, file_name=name, by=user),
    "opendata": lambda data, name, territory, user: import_datasets(data, file_name=name, territory=territory, by=user),
}


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_the_control_files_are_imported_by_every_importer(importer, name, ilmenau, admin):
    """The corpus's defects are the only reason for a refusal: without them, every importer writes the row."""
    before = snapshot()
    IMPORTERS[importer](SMALL[name], name, ilmenau, admin)
    model = {"projects": Project, "funding": FundingProgramme, "opendata": Dataset}[importer]
    assert snapshot()[model._meta.label] == before[model._meta.label] + 1


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("name", sorted(FILES))
def test_every_importer_refuses_every_corpus_file_with_its_line_and_writes_nothing(importer, name, ilmenau, admin):
    before = snapshot()
    with pytest.raises(ImportRejected) as rejected, transaction.atomic():
        IMPORTERS[importer](FILES[name], name, ilmenau, admin)
    messages = [str(error) for error in rejected.value.errors]
    assert any(expected(name, importer) in message for message in messages), messages
    assert all(re.match(r"Zeile \d+(, Spalte „[a-z_]+“)?: \S", message) for message in messages), messages
    assert snapshot() == before


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_operators_register_reader_reports_every_corpus_file(name):
    """The territorial register comes in through `import_territories` only (no upload); its reader, too, answers a
    bad file with errors instead of an exception."""
    records, errors = read_register(FILES[name])
    assert errors and not records


# --- Imports: the pages ------------------------------------------------------------------------------------------


def _import_page(importer: str, territory) -> str:
    if importer == "opendata":
        return reverse("opendata:import", args=[territory.code])
    return reverse(f"{importer}:import")


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("name", sorted(FILES))
def test_every_import_page_answers_every_corpus_file_with_a_german_message(
    client, importer, name, ilmenau, admin, ilmenau_editor, settings
):
    client.force_login(ilmenau_editor if importer == "opendata" else admin)
    before = snapshot()
    files_before = stored_files()  # a bucket folder may hold other tests' files
    response = client.post(_import_page(importer, ilmenau), {"file": _upload(name, FILES[name])})
    assert response.status_code == 200
    html = response.content.decode()
    import_errors = [str(RowError(**error)) for error in response.context["errors"]]  # as the job's report keeps it
    form_errors = [message for messages in response.context["form"].errors.values() for message in messages]
    if import_errors:
        assert any(expected(name, importer) in message for message in import_errors), import_errors
        assert "nichts wurde" in html
    else:
        assert form_errors and set(form_errors) <= FORM_REFUSALS | {_extension_refusal(name)}, form_errors
    for error in response.context["errors"]:  # the data-inventory page shows the line without the column
        assert f"Zeile {error['line']}" in html and _escaped(error["message"]) in html
    for message in form_errors:
        assert _escaped(message) in html
    assert snapshot() == before and stored_files() == files_before


def _extension_refusal(name: str) -> str:
    extension = name.rsplit(".", 1)[-1]
    return f"Dateiendung „{extension}“ ist nicht erlaubt. Erlaubte Dateiendungen sind: „csv, xlsx“."


def _escaped(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


# --- Uploads -----------------------------------------------------------------------------------------------------


@pytest.fixture
def upload_owners(jena, ilmenau, admin):
    """One object of each kind that takes an upload, made before the counting starts."""
    from smartregion.agendas import services as agenda_services
    from smartregion.network import services as network_services
    from smartregion.toolkit import services as toolkit_services

    domain = Domain.objects.filter(is_active=True).first()
    project = project_services.create_project(
        by=admin, lead_territory=jena, title="Hochladeziel", summary="Nimmt Dateien an.", primary_domain=domain
    )
    guide = toolkit_services.create_guide(
        by=admin, slug="hochladeziel", title="Hochladeziel", kind="leitfaden", summary="Kurz.", body="Text.",
        dimension_keys=[], phases=[], agenda_parts=[], authors="Test", published=True, as_of=date(2026, 1, 1),
        review_due=date(2027, 1, 1),
    )  # fmt: skip
    agenda = agenda_services.create_agenda(territory=jena, title="Agenda", start_year=2026, target_year=2030, by=admin)
    network = network_services.create_network(name="Hochladenetz", by=admin)
    for territory in (jena, ilmenau):
        network_services.add_member(network, territory, by=admin)
    return {"project": project, "guide": guide, "agenda": agenda, "network": network, "partners": [jena, ilmenau]}


def _post_upload(client, target: str, upload_owners, upload):
    """(response after following redirects, the form of the page if it has one)."""
    if target in ("project-image", "project-document"):
        url = reverse("projects:attachment_upload", args=[upload_owners["project"].pk])
        data = {"kind": target.split("-")[1], "title": "Anhang", "file": upload}
    elif target in ("guide-image", "guide-document"):
        url = reverse("toolkit:attachment_upload", args=[upload_owners["guide"].slug])
        data = {"kind": target.split("-")[1], "title": "Anhang", "file": upload}
    elif target == "concept-document":
        url = reverse("agendas:concept_create", args=[upload_owners["agenda"].pk])
        data = {
            "kind": "klimaschutz",
            "title": "Klimakonzept",
            "summary": "Kurz",
            "url": "",
            "year": "",
            "upload": upload,
        }
    else:
        url = reverse("events:partnership_create", args=[upload_owners["network"].slug])
        data = {"topic": "Gemeinsame Plattform", "description": "", "starts_on": "2026-01-01", "status": "aktiv",
                "partners": [territory.pk for territory in upload_owners["partners"]], "agreement": upload}  # fmt: skip
    return client.post(url, data, follow=True)


UPLOADS = ["project-image", "project-document", "guide-image", "guide-document", "concept-document",
           "partnership-agreement"]  # fmt: skip


def _upload_refusal(name: str, target: str) -> str:
    if not FILES[name]:
        return EMPTY_UPLOAD
    if target.endswith("image"):
        return IMAGE_REFUSAL.get(name, NOT_AN_IMAGE)
    return DOCUMENT_REFUSAL.get(name, NOT_A_DOCUMENT)


@pytest.mark.parametrize("target", UPLOADS)
@pytest.mark.parametrize("name", sorted(FILES))
def test_every_upload_refuses_every_corpus_file_with_a_german_message(
    client, target, name, upload_owners, admin, settings
):
    client.force_login(admin)
    before = snapshot()
    files_before = stored_files()  # a bucket folder may hold other tests' files
    response = _post_upload(client, target, upload_owners, _upload(name, FILES[name]))
    assert response.status_code == 200
    assert _escaped(_upload_refusal(name, target)) in response.content.decode()
    assert snapshot() == before and stored_files() == files_before


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (26, 61, 165)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("target", UPLOADS)
def test_every_upload_takes_a_good_file(client, target, upload_owners, admin, settings):
    """The harness can write: a real image or workbook is stored by every upload."""
    client.force_login(admin)
    before = snapshot()
    files_before = stored_files()  # a bucket folder may hold other tests' files
    content, name = (_png(), "bild.png") if target.endswith("image") else (SMALL["control-good.xlsx"], "vorlage.xlsx")
    response = _post_upload(client, target, upload_owners, _upload(name, content))
    assert response.status_code == 200
    assert snapshot() != before and len(stored_files() - files_before) == 1


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_content_checks_refuse_every_corpus_file(name):
    """What the uploads call (empty files never reach them: the forms refuse those first)."""
    with pytest.raises(UploadRefused) as refused_image:
        check_image(FILES[name], name)
    assert str(refused_image.value) == IMAGE_REFUSAL.get(name, NOT_AN_IMAGE)
    with pytest.raises(UploadRefused) as refused_document:
        check_document(FILES[name], name)
    assert str(refused_document.value) == DOCUMENT_REFUSAL.get(name, NOT_A_DOCUMENT)


# --- The REST API's dataset writes ---------------------------------------------------------------------------------

API_NEW = {
    "title": "Baumkataster",
    "description": "Alle Stadtbäume",
    "theme": "ENVI",
    "publisher": "Grünflächenamt",
    "access": "open",
    "distributions": [{"access_url": "https://x.example/baeume.csv", "file_type": "CSV"}],
}
API_BAD = {
    "javascript-url": ({"distributions": [{"access_url": corpus.JAVASCRIPT, "file_type": "CSV"}]}, 400),
    "ftp-url": ({"distributions": [{"access_url": "ftp://example.org/x", "file_type": "CSV"}]}, 400),
    "nul": ({"title": "Baum\x00kataster"}, 400),
    "nul-in-key": ({"Ti\x00tel": "x"}, 400),
    "text-beyond-column": ({"title": "T" * 250}, 400),
    "url-beyond-column": (
        {"distributions": [{"access_url": "https://x.example/" + "a" * 600, "file_type": "CSV"}]},
        400,
    ),
    "huge-number": ({"revision": 2**64 * 1000}, 409),
    "negative-number": ({"revision": -1}, 409),
    "wrong-type": ({"title": ["Liste"], "distributions": "keine Liste"}, 400),
}


@pytest.mark.parametrize("case", API_BAD)
def test_the_api_refuses_bad_dataset_writes_with_a_message(client, case, ilmenau, ilmenau_editor):
    _token, key = api_tokens.create_api_token(user=ilmenau_editor, name="Test", territories=[ilmenau])
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    created = client.post(reverse("dataset-list"), {**API_NEW, "territory": ilmenau.ars},
                          content_type="application/json", **auth).json()  # fmt: skip
    before = snapshot()
    changes, status = API_BAD[case]
    body = {**API_NEW, "territory": ilmenau.ars, **changes}
    refused_create = client.post(reverse("dataset-list"), body, content_type="application/json", **auth)
    url = reverse("dataset-detail", args=[created["id"]])
    refused_update = client.patch(url, {"revision": created["revision"], **changes}, content_type="application/json",
                                  **auth)  # fmt: skip
    if case in ("huge-number", "negative-number"):  # only the revision is a number: an old revision is a conflict
        assert refused_update.status_code == status and refused_update.json()["detail"] == "Inzwischen geändert."
        assert refused_create.status_code == 201
        Dataset.objects.filter(pk=refused_create.json()["id"]).delete()
        return
    for response in (refused_create, refused_update):
        assert response.status_code == status, response.content
        assert response.json()
    assert snapshot() == before


# --- NUL characters in requests: refused before any view or database --------------------------------------------


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/projekte/", "data": {"q": "Park\x00sensor"}},
        {"path": "/gebiete/%00/"},
        {"path": "/foerderung/", "data": {"land\x00": "09"}},
    ],
)
def test_a_nul_in_a_page_request_is_a_400_with_a_german_page(client, request_kwargs):
    response = client.get(request_kwargs["path"], request_kwargs.get("data"))
    assert response.status_code == 400
    assert "Die Anfrage enthält ein Nullzeichen (NUL)" in response.content.decode()


def test_a_nul_in_a_form_post_a_cookie_or_a_json_body_is_a_400(client, admin, jena):
    client.force_login(admin)
    before = snapshot()
    form = client.post(reverse("projects:create"), {"title": "Park\x00sensor", "summary": "x"})
    assert form.status_code == 400
    api = client.post(reverse("dataset-list"), '{"title": "a\\u0000b"}', content_type="application/json")
    assert api.status_code == 400 and "Nullzeichen" in api.json()["detail"]
    escaped_backslash = client.post(
        reverse("dataset-list"), '{"title": "a\\\\u0000b"}', content_type="application/json"
    )
    assert escaped_backslash.status_code != 400 or "Nullzeichen" not in escaped_backslash.content.decode()
    client.cookies["sessionid"] = ""  # a quoted cookie value may carry octal escapes: "\000" is a NUL once parsed
    client.cookies["sessionid"].set("sessionid", "\x00" * 8, '"' + "\\000" * 8 + '"')
    assert client.get("/").status_code == 400
    assert snapshot() == before


# --- Web addresses: one validator on the way in, one guard on the way out --------------------------------------


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("https://www.example.org/a?b=c", True),
        ("http://example.org", True),
        ("mailto:foerderung@example.org", True),
        ("MAILTO:a@example.org?subject=Frage", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("ftp://example.org/x", False),
        ("//evil.example/x", False),
        ("mailto:javascript:alert(1)", False),
        ("https://exa\x00mple.org", False),
        ("www.example.org", False),
    ],
)
def test_web_addresses_are_http_https_or_mailto(value, accepted):
    assert is_web_url(value) is accepted
    if not accepted:
        with pytest.raises(ValidationError, match="http://, https:// oder mailto:"):
            validate_web_url(value)


@pytest.mark.parametrize(
    ("value", "href"),
    [
        ("https://example.org/", "https://example.org/"),
        ("mailto:a@example.org", "mailto:a@example.org"),
        ("/projekte/1/", "/projekte/1/"),
        ("javascript:alert(1)", ""),
        (" javascript:alert(1)", ""),
        ("//evil.example/", ""),
        ("/\\evil.example/", ""),
        ("data:text/html,x", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_only_safe_addresses_become_links(value, href):
    assert safe_href(value) == href


def test_every_url_field_is_a_web_url_field_that_needs_no_migration():
    fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.get_internal_type() == "CharField" and field.__class__.__name__.endswith("URLField")
    ]
    assert fields and all(isinstance(field, WebURLField) for field in fields), [
        f"{field.model._meta.label}.{field.name}" for field in fields if not isinstance(field, WebURLField)
    ]
    assert all(field.deconstruct()[1] == "django.db.models.URLField" for field in fields)


# hrefs the application makes itself: object URLs, reversed URLs handed in by views, search and guide links.
INTERNAL_HREF = re.compile(
    r"\{\{ *(?:[\w.]+\.get_absolute_url|[a-z_]+_url|guide\.url|measure\.url|hit\.url|example\.url|group\.more_url"
    r"|gap\.solutions_url|action|video|url"
    # reports.shared_services entries (get_absolute_url) and reports.partners solvers (reverse of a project page)
    r"|entry\.url|solver\.url"
    # the digest's entries in notification mails: SITE_URL + a path of this site (notifications.services._outbox)
    r"|item\.page_url"
    # the sign-in buttons of the identity providers: reversed paths of this site (accounts.oidc.login_path)
    r"|button\.path) *\}\}"
)


def test_no_template_writes_a_stored_address_into_an_href_unguarded():
    """Every other href expression goes through weblinks (`web_link` or `|web_url`): a stored address can reach
    an href only through the guard."""
    offenders = []
    for template in Path(__file__).resolve().parents[1].glob("smartregion/**/templates/**/*.html"):
        for match in re.finditer(r'href="(\{\{[^}]*\}\})', template.read_text()):
            expression = match.group(1)
            if not INTERNAL_HREF.fullmatch(expression) and "|web_url" not in expression:
                offenders.append(f"{template.name}: {expression}")
    assert offenders == []


def test_a_javascript_address_stored_before_the_validator_never_becomes_a_link(client, admin, jena, ilmenau):
    """Rows from before the check (written past every validator here) are shown without the link."""
    domain = Domain.objects.filter(is_active=True).first()
    project = project_services.create_project(
        by=admin, lead_territory=jena, title="Alt", summary="Alt.", primary_domain=domain
    )
    Project.objects.filter(pk=project.pk).update(
        website=corpus.JAVASCRIPT, repository_url=corpus.JAVASCRIPT, source_urls=[corpus.JAVASCRIPT]
    )
    import_programmes(SMALL["control-good.csv"], file_name="liste.csv")
    programme = FundingProgramme.objects.get(code="BAD-INPUT-1")
    FundingProgramme.objects.filter(pk=programme.pk).update(url=corpus.JAVASCRIPT, sources=corpus.JAVASCRIPT)
    import_datasets(SMALL["control-good.csv"], file_name="daten.csv", territory=ilmenau, by=admin)
    Distribution.objects.update(access_url=corpus.JAVASCRIPT)
    Territory.objects.filter(pk=jena.pk).update(website=corpus.JAVASCRIPT)
    client.force_login(admin)
    pages = [project.get_absolute_url(), programme.get_absolute_url(), Dataset.objects.get().get_absolute_url(),
             jena.get_absolute_url()]  # fmt: skip
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert 'href="javascript' not in html.lower() and "javascript:alert" in html, page


# --- The engines ------------------------------------------------------------------------------------------------


def test_this_run_names_its_engine():
    """`make test` runs this module on SQLite, `make test-postgres` on PostgreSQL: both must pass."""
    assert connection.vendor in ("sqlite", "postgresql")
