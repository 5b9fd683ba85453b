"""Layers that import-linter cannot see (issue 23, les-emplois' consistency tests).

import-linter checks Python imports against the layer contract in `pyproject.toml`. Three kinds of
reference go around it: model relations named by string (`"territories.Territory"`), template
`{% url 'namespace:name' %}` and template `{% include %}` / `{% extends %}`; a fourth, URL names given
literally to `reverse`/`reverse_lazy`/`redirect` in Python, is checked as well. This test reads the same
contract (one source of truth) and checks those references against it: an app may refer to an app in
a lower layer, never to one in a higher layer nor to an independent sibling in its own layer.

Known violations are listed one by one in ALLOWED with the reason; a new one fails. The checking
functions are also fed small synthetic inputs below, so a new violation of each kind is shown to fail
even while the real tree has none.

Templates outside an app's directory: `templates/<app>/…` belong to that app, `templates/includes/…`
to core (shared components); the rest (`base.html`, error pages, home, search, data sources,
`pdf/base.html`) is the site shell at the top (the `home` layer). Every template may extend or include
the frames (FRAMES): the frame links to all apps, the page only fills it in.
"""

import ast
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

PACKAGE = "smartregion"
ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / PACKAGE
SITE = "home"  # the layer of the site shell's templates
FRAMES = {"base.html", "pdf/base.html"}


@dataclass(frozen=True)
class Reference:
    kind: str  # "model", "url" or "template"
    source: str  # the referring app
    target: str  # the app referred to
    where: str  # what refers to what, e.g. "accounts.TerritoryRole.territory"


# Each known violation, with why it is still there. Remove an entry when its cycle is fixed. (The roles'
# relations from accounts up to territories and network were the last; they moved up, ADR 0024.)
ALLOWED: dict[tuple[str, str], str] = {}


def read_layers(pyproject: Path = ROOT / "pyproject.toml") -> list[tuple[set[str], bool]]:
    """The apps' layers, top first, from the import-linter contract: (apps, independent) per layer."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in contracts if c["type"] == "layers" and "containers" not in c]
    layers = []
    for layer in contract["layers"]:
        independent = ":" not in layer
        members = re.split(r"[|:]", layer)
        layers.append(({member.strip().removeprefix(f"{PACKAGE}.") for member in members}, independent))
    return layers


def violations(layers, references) -> list[Reference]:
    """References from an app to one above it, or to an independent sibling of its own layer."""
    position = {}
    for index, (members, independent) in enumerate(layers):
        for member in members:
            position[member] = (index, independent)
    found = []
    for reference in references:
        if reference.source == reference.target:
            continue
        if reference.source not in position or reference.target not in position:
            continue  # Django's own apps and third-party packages are below everything
        source_index, independent = position[reference.source]
        target_index, _ = position[reference.target]
        if target_index < source_index or (target_index == source_index and independent):
            found.append(reference)
    return found


def app_of_module(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == PACKAGE else None


# --- model relations ---------------------------------------------------------------------------


def model_references(models) -> list[Reference]:
    """Forward relations (FK, one-to-one, many-to-many) of the given models to other apps' models."""
    references = []
    for model in models:
        if hasattr(model, "instance_type"):
            continue  # simple-history's copy of a model has the model's relations
        source = app_of_module(model.__module__)
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = app_of_module(field.related_model.__module__)
            if source and target:
                where = f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
                references.append(Reference("model", source, target, where))
    return references


# --- templates ---------------------------------------------------------------------------------

URL_TAG = re.compile(r"""\{%\s*url\s+(['"])([\w:-]+)\1""")
INCLUDE_TAG = re.compile(r"""\{%\s*(?:include|extends)\s+(['"])([^'"]+)\1""")


def url_name_apps() -> dict[str, str]:
    """Every URL name ('ns:name' or 'name') and the app whose view answers it."""
    names = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                view = pattern.callback
                owner = getattr(view, "view_class", None) or getattr(view, "cls", None) or view
                app = app_of_module(owner.__module__)
                if app:
                    names[f"{namespace}{pattern.name}"] = app

    walk(get_resolver().url_patterns, "")
    return names


def app_of_template(name: str, app_labels) -> str:
    """The app a template name belongs to (see the module docstring)."""
    first = name.split("/", 1)[0]
    if first in app_labels:
        return first
    if first == "includes":
        return "core"
    return SITE


def template_references(templates, url_apps, app_labels) -> list[Reference]:
    """`{% url %}`, `{% include %}` and `{% extends %}` with literal names in (name, owner app, text) triples."""
    references = []
    for name, owner, text in templates:
        for _, url_name in URL_TAG.findall(text):
            if url_name in url_apps:
                references.append(Reference("url", owner, url_apps[url_name], f"{name} -> {url_name}"))
        for _, included in INCLUDE_TAG.findall(text):
            if included not in FRAMES:
                target = app_of_template(included, app_labels)
                references.append(Reference("template", owner, target, f"{name} -> {included}"))
    return references


def project_templates(app_labels):
    """(template name, owner app, text) of every template in the package."""
    for app in sorted(app_labels):
        directory = PACKAGE_DIR / app / "templates"
        for path in sorted(directory.rglob("*.html")) if directory.is_dir() else []:
            yield path.relative_to(directory).as_posix(), app, path.read_text(encoding="utf-8")
    directory = PACKAGE_DIR / "templates"
    for path in sorted(directory.rglob("*.html")):
        name = path.relative_to(directory).as_posix()
        yield name, app_of_template(name, app_labels), path.read_text(encoding="utf-8")


# --- Python: reverse("ns:name") and redirect("ns:name") ---------------------------------------------

URL_FUNCTIONS = {"reverse", "reverse_lazy", "redirect"}


def python_references(sources, url_apps) -> list[Reference]:
    """URL names given literally to reverse/reverse_lazy/redirect in (module path, owner app, text) triples."""
    references = []
    for name, owner, text in sources:
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            function = getattr(node.func, "id", getattr(node.func, "attr", ""))
            first = node.args[0]
            if function in URL_FUNCTIONS and isinstance(first, ast.Constant) and first.value in url_apps:
                references.append(Reference("python", owner, url_apps[first.value], f"{name} -> {first.value}"))
    return references


def project_modules():
    """(path in the package, owner app, text) of every module but the migrations."""
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR)
        if "migrations" not in relative.parts:
            yield relative.as_posix(), relative.with_suffix("").parts[0], path.read_text(encoding="utf-8")


def our_app_labels() -> set[str]:
    return {config.label for config in apps.get_app_configs() if config.name.startswith(f"{PACKAGE}.")}


def real_references() -> list[Reference]:
    labels = our_app_labels()
    models = model_references(apps.get_models())
    url_apps = url_name_apps()
    templates = template_references(project_templates(labels), url_apps, labels)
    return models + templates + python_references(project_modules(), url_apps)


# --- the real tree -----------------------------------------------------------------------------


def test_no_reference_goes_up_a_layer_except_the_listed_ones():
    found = violations(read_layers(), real_references())
    unexpected = [f"{r.kind}: {r.where} ({r.source} -> {r.target})" for r in found if (r.kind, r.where) not in ALLOWED]
    assert unexpected == [], "references against the layers in pyproject.toml:\n" + "\n".join(unexpected)


def test_every_allowed_violation_still_exists():
    found = {(r.kind, r.where) for r in violations(read_layers(), real_references())}
    fixed = sorted(set(ALLOWED) - found)
    assert fixed == [], f"fixed, remove from ALLOWED: {fixed}"


def test_every_app_is_in_the_layers():
    layered = set().union(*(members for members, _ in read_layers()))
    assert our_app_labels() - layered == set()


UPWARD_LABEL = re.compile(r"""["'](territories|network)\.[A-Z]\w*["']|get_model\(\s*["'](territories|network)["']""")


def test_accounts_names_neither_territories_nor_network():
    """ADR 0024: roles, invitations, requests for access and API keys live in territories and network; accounts
    (User, ExternalIdentity) refers to neither, by relation, link or include, nor by a model label in its code."""
    found = [r for r in real_references() if r.source == "accounts" and r.target in {"territories", "network"}]
    assert found == []
    for path in sorted((PACKAGE_DIR / "accounts").rglob("*.py")):
        if "migrations" in path.parts:
            continue  # the migrations record where the models were
        text = path.read_text(encoding="utf-8")
        assert not UPWARD_LABEL.search(text), f"{path.relative_to(ROOT)}: {UPWARD_LABEL.search(text).group(0)}"


def test_a_role_relation_back_in_accounts_would_fail():
    """The roles' old place in the real picture: accounts below territories and network."""
    from smartregion.territories.models import TerritoryRole

    references = model_references([TerritoryRole])
    assert "territories.TerritoryRole.territory -> territories.Territory" in [r.where for r in references]
    assert violations(read_layers(), references) == []  # where they are now, fine
    moved_back = [Reference("model", "accounts", r.target, r.where) for r in references]
    assert [r.target for r in violations(read_layers(), moved_back)] == ["territories"]


def test_the_collectors_see_the_real_tree():
    references = real_references()
    where = "projects.Project.lead_territory -> territories.Territory"
    assert Reference("model", "projects", "territories", where) in references
    kinds = {r.kind for r in references}
    assert kinds == {"model", "url", "template", "python"}


# --- a new violation of each kind fails ---------------------------------------------------------

LAYERS = [({"matching"}, True), ({"assessments", "opendata"}, True), ({"network"}, True), ({"core"}, True)]
LABELS = {"matching", "assessments", "opendata", "network", "core"}
URLS = {"matching:need": "matching", "opendata:list": "opendata", "network:detail": "network", "core:legal": "core"}


def check_templates(*templates):
    return violations(LAYERS, template_references(templates, URLS, LABELS))


def test_a_link_up_a_layer_fails():
    found = check_templates(("network/overview.html", "network", "<a href=\"{% url 'opendata:list' %}\">"))
    assert found == [Reference("url", "network", "opendata", "network/overview.html -> opendata:list")]


def test_a_link_to_a_sibling_in_an_independent_layer_fails():
    found = check_templates(("assessments/results.html", "assessments", '{% url "opendata:list" slug=x %}'))
    assert [r.target for r in found] == ["opendata"]


def test_a_link_down_is_fine():
    assert check_templates(("matching/page.html", "matching", "{% url 'network:detail' slug=s %}")) == []


def test_an_include_or_extends_up_a_layer_fails():
    text = '{% extends "assessments/base.html" %}{% include "matching/includes/list.html" with x=1 %}'
    found = check_templates(("core/history.html", "core", text))
    assert [(r.kind, r.target) for r in found] == [("template", "assessments"), ("template", "matching")]


def test_the_frame_and_shared_includes_are_fine_from_everywhere():
    text = '{% extends "base.html" %}{% include "includes/form_fields.html" %}'
    assert check_templates(("core/legal.html", "core", text)) == []


def test_a_reverse_or_redirect_up_a_layer_fails():
    text = 'URL = reverse("opendata:list")\n\ndef view(request):\n    return redirect("core:legal")\n'
    found = violations(LAYERS, python_references([("network/views.py", "network", text)], URLS))
    assert found == [Reference("python", "network", "opendata", "network/views.py -> opendata:list")]


def test_a_model_relation_up_a_layer_fails():
    """Put projects below territories in a made-up picture: the real Project.lead_territory now points up."""
    from smartregion.projects.models import Project

    made_up = [({"territories"}, True), ({"projects"}, True)]
    found = violations(made_up, model_references([Project]))
    assert "projects.Project.lead_territory -> territories.Territory" in [r.where for r in found]
    assert {r.kind for r in found} == {"model"}


def test_the_real_picture_is_read_from_pyproject(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[[tool.importlinter.contracts]]\nname = "x"\ntype = "layers"\n'
        'layers = ["smartregion.a | smartregion.b", "smartregion.c : smartregion.d", "smartregion.e"]\n',
        encoding="utf-8",
    )
    layers = read_layers(pyproject)
    assert layers == [({"a", "b"}, True), ({"c", "d"}, False), ({"e"}, True)]
    same_layer = [Reference("model", "c", "d", "c.X.d"), Reference("model", "a", "b", "a.X.b")]
    assert [r.where for r in violations(layers, same_layer)] == ["a.X.b"]


# The autouse fixtures in conftest.py need the test database even here.
pytestmark = pytest.mark.django_db


def test_every_registered_history_page_names_a_model_with_history():
    """Apps register their history pages in AppConfig.ready() (core names no domain model)."""
    from smartregion.core import history

    assert len(history._permissions) == 14
    for label in history._permissions:
        model = apps.get_model(label)
        assert hasattr(model, "history"), label
