"""Every form of the site in a real browser (the house rule: nothing overlaps, everything clickable, an
unchanged save changes nothing).

The form pages are found, not listed: every GET row of the permission walk (`tests/test_permissions.py`)
is opened in the walk's world, from the least-privileged role that may open it upwards; a page with a POST
form holding at least one field a person fills in (not only hidden inputs and buttons) is a form page,
checked as the least-privileged role that sees that form. A URL name missing from the walk fails here too.

Each form page, at 1280×800 and 360×740: no two interactive elements of its forms overlap (a label may
contain or touch its own control); every checkbox and radio button can be ticked with the pointer
(Playwright's `check()` without `force`); every `<label for>` names an element and every field has a
label; the page does not scroll sideways. A page with a problem is photographed into the test's temporary
folder; FORM_SCREENSHOTS=dir keeps a screenshot of every form page at both sizes there.

Each edit page (URL name ending in "edit", or named in EDIT_PAGES) is then saved unchanged in the browser:
the object's stored fields, many-to-many ids, owned rows and history stay exactly as they were.
"""

import os
import re
from datetime import date, datetime, time
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.test import Client
from django.urls import get_resolver, reverse
from playwright.sync_api import Error as PlaywrightError

from tests.test_permissions import CASES, NOT_WALKED, ROLES, _build_world, _names, _resolve_kwargs

VIEWPORTS = [(1280, 800), (360, 740)]

# Form pages not checked, with the reason. Keep this short: a form that cannot be checked is a form
# nobody looked at.
EXCLUDED = {}

# Edit pages whose URL name does not end in "edit": name → why it edits an existing object. A page
# whose own form carries a revision (optimistic locking) must be an edit page, a create page (name
# ending in "create") or listed in NOT_EDIT_PAGES.
EDIT_PAGES = {
    "toolkit:stocktake_entry": "edits one entry of the Bestandsaufnahme",
}
NOT_EDIT_PAGES = {
    "toolkit:stocktake": "a step of the Bestandsaufnahme: its form adds a new entry",
}

FILLED_INPUT_TYPES_EXCLUDED = {"hidden", "submit", "button", "reset", "image"}
CLICK_TIMEOUT_MS = 1500


class _FormCounter(HTMLParser):
    """POST forms, how many fields each holds that a person fills in, and whether it carries a revision."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._current = {
                "method": (attributes.get("method") or "get").lower(),
                "action": attributes.get("action") or "",
                "fields": 0,
                "revision": False,
            }
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "select", "textarea"):
            kind = (attributes.get("type") or "text").lower() if tag == "input" else tag
            if kind not in FILLED_INPUT_TYPES_EXCLUDED:
                self._current["fields"] += 1
            if attributes.get("name") == "revision":
                self._current["revision"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def post_forms_with_fields(html: str) -> list[dict]:
    parser = _FormCounter()
    parser.feed(html)
    return [form for form in parser.forms if form["method"] == "post" and form["fields"]]


class FormPage:
    def __init__(self, name, kwargs, url, role, forms):
        self.name, self.kwargs, self.url, self.role, self.forms = name, kwargs, url, role, forms

    @property
    def own_form(self):
        """The form that posts back to the page itself (an edit or create page), if there is one."""
        return next((form for form in self.forms if form["action"] in ("", self.url)), None)

    @property
    def is_edit(self) -> bool:
        return self.own_form is not None and (self.name.endswith("edit") or self.name in EDIT_PAGES)

    def __repr__(self):
        return f"{self.name} {self.url} as {self.role}"


def discover(objects, clients) -> tuple[list[FormPage], list[str]]:
    """Every page of the permission walk with a POST form, as the least-privileged role that sees it (a
    more privileged role too when it sees a form the others do not), and the problems of discovery."""
    problems = [
        f"{name}: not in the permission walk, so this check cannot find its forms"
        for name in sorted(set(_names(get_resolver())) - {case[0] for case in CASES} - NOT_WALKED)
    ]
    pages, seen_urls = [], set()
    for name, kwargs, method, expected in CASES:
        if method != "get":
            continue
        url = reverse(name, kwargs=_resolve_kwargs(kwargs, objects))
        if url in seen_urls:
            continue
        seen_urls.add(url)
        seen_actions = set()
        for role in (role for role in ROLES if expected[role] == 200):
            response = clients[role].get(url)
            if response.status_code >= 500:
                problems.append(f"{name} {url} as {role}: answered {response.status_code}")
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                break
            forms = post_forms_with_fields(response.content.decode())
            actions = {form["action"] or url for form in forms}
            if actions - seen_actions:
                pages.append(FormPage(name, kwargs, url, role, forms))
                seen_actions |= actions
    for page in pages:
        own = page.own_form
        classified = page.is_edit or page.name.endswith("create") or page.name in NOT_EDIT_PAGES
        if own and own["revision"] and not classified:
            problems.append(f"{page}: its form carries a revision; name it in EDIT_PAGES or NOT_EDIT_PAGES")
    found = {page.name for page in pages}
    problems += [f"{name}: excluded but has no form page any more" for name in sorted(set(EXCLUDED) - found)]
    return [page for page in pages if page.name not in EXCLUDED], problems


# --- the world -------------------------------------------------------------------------------------------


@pytest.fixture
def one_of_everything_filled(transactional_db, thuringia):
    """The permission walk's world (Bavaria's München and the reference data too), with the states that
    show every part of a form: registrations (attendance), a second measure (dependencies), filled fields."""
    from django.core.management import call_command

    from smartregion.territories.importer import import_register
    from tests.conftest import CENSUS_FILE, register_subset

    bavaria = register_subset({"09"}).splitlines()
    munich = [line for line in bavaria[1:] if "09162000" in line]  # the walk's other Land: one city is enough
    import_register("\n".join([bavaria[0], *munich, ""]).encode(), census_source=CENSUS_FILE, partial=True)
    call_command("load_taxonomy", verbosity=0)
    call_command("load_matrix", verbosity=0)
    users, objects = _build_world()
    _add_states(users, objects)
    return users, objects


def _add_states(users, objects):
    from smartregion.agendas import services as agenda_services
    from smartregion.events import services as events
    from smartregion.taxonomy.models import Domain

    admin = users["platform_admin"]
    with transaction.atomic():
        for role in ("editor", "unrelated"):
            events.register(objects["event"], user=users[role])
    measure = objects["agenda_measure"]
    agenda = measure.agenda
    other = agenda_services.add_measure(
        agenda, by=admin, title="Vorarbeit", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30)
    )
    domains = list(Domain.objects.active()[:2])
    plan = agenda_services.MeasurePlan(
        goals=[objects["agenda_goal"]],
        domains=domains,
        depends_on=[other],
        budgets={(2026, source): Decimal("15000.50") for source in _budget_sources()},
        milestones=[{"title": "Ausschreibung", "due_on": date(2026, 3, 31)}],
        kpis=[{"name": "Sensoren", "unit": "Stück", "baseline": Decimal("0"), "target": Decimal("1250.5")}],
        recommendations=[objects["recommendation"]],
    )
    agenda_services.update_measure(measure, expected_revision=measure.revision, by=admin, plan=plan)
    programme = objects["programme"]
    programme.domains.set(domains)
    # What the forms can hold: times to the minute (the browser's picker has no seconds), entries with
    # every field their form asks for.
    event = objects["event"]
    type(event).objects.filter(pk=event.pk).update(
        starts_at=event.starts_at.replace(second=0, microsecond=0),
        ends_at=event.ends_at.replace(second=0, microsecond=0),
    )
    entry = objects["stocktake_entry"]
    entry.data = {"organisation": "IHK Ostthüringen", "sector": "wirtschaft", "role": "Partner", "contact": "Zentrale"}
    type(entry).objects.filter(pk=entry.pk).update(data=entry.data)
    for name, kwargs, method, _expected in CASES:
        if method == "get" and (name.endswith("edit") or name in EDIT_PAGES):
            keys = [value for value in kwargs.values() if value in objects]
            if keys:
                _fill_blanks(objects[keys[-1]])


def _budget_sources():
    from smartregion.agendas.enums import BudgetSource

    return list(BudgetSource)


SAMPLE_DATE = date(2021, 8, 1)


def _sample(field):
    """A value for an empty field that a person could have entered: the round trip through the form must
    keep it. None when the field is left as it is."""
    if field.choices or field.primary_key or not field.editable or field.name in ("slug", "code", "revision"):
        return None
    if isinstance(field, models.DateTimeField):
        return datetime.combine(SAMPLE_DATE, time(9, 30), tzinfo=ZoneInfo("Europe/Berlin"))
    if isinstance(field, models.DateField):
        return SAMPLE_DATE
    if isinstance(field, models.TimeField):
        return time(9, 30)
    if isinstance(field, models.DecimalField):
        whole = min(field.max_digits - field.decimal_places, 5)
        return Decimal(f"{'1' + '5' * (whole - 1)}.{'5' * field.decimal_places}") if field.decimal_places else None
    if isinstance(field, models.URLField) or "url" in field.name or "website" in field.name:
        return "https://www.example.org/seite"
    if isinstance(field, models.EmailField) or "email" in field.name:
        return "kontakt@example.org"
    if "phone" in field.name:
        return "+49 3641 49-0"
    if isinstance(field, models.IntegerField):
        for candidate in (1500, 50, 2027, 3, 1):
            try:
                field.run_validators(candidate)
            except ValidationError:
                continue
            return candidate
        return None
    if isinstance(field, (models.CharField, models.TextField)):
        # A web address is text too: it also passes fields that hold addresses (sources, links).
        for candidate in ("https://www.example.org/beispiel", "Beispiel"):
            if not field.max_length or len(candidate) <= field.max_length:
                try:
                    field.run_validators(candidate)
                except ValidationError:
                    continue
                return candidate
    return None


def _fill_blanks(obj):
    """Empty scalar fields get a sample value (written without save(): no history, no revision)."""
    values = {}
    for field in type(obj)._meta.concrete_fields:
        if isinstance(field, (models.ForeignKey, models.BooleanField, models.JSONField, models.FileField)):
            continue
        if getattr(obj, field.attname) not in (None, ""):
            continue
        value = _sample(field)
        if value is not None:
            values[field.attname] = value
    if values:
        type(obj)._base_manager.filter(pk=obj.pk).update(**values)


# --- what an object is in the database ---------------------------------------------------------------------


def _row(obj, *, skip=()):
    return {
        field.attname: _comparable(field.value_from_object(obj))
        for field in type(obj)._meta.concrete_fields
        if field.attname not in skip
    }


def _comparable(value):
    return value.name if hasattr(value, "name") and hasattr(value, "storage") else value


def snapshot(obj) -> dict:
    """All stored fields, many-to-many ids, the rows it owns (reverse foreign keys that cascade) and the
    number of history records of the object and of those rows."""
    model = type(obj)
    fresh = model._base_manager.get(pk=obj.pk)
    state = {"fields": _row(fresh)}
    for field in model._meta.many_to_many:
        state[f"m2m {field.name}"] = sorted(getattr(fresh, field.name).values_list("pk", flat=True))
    if hasattr(fresh, "history"):
        state["history records"] = fresh.history.count()
    for relation in model._meta.related_objects:
        if not relation.one_to_many or relation.on_delete is not models.CASCADE:
            continue
        related = relation.related_model
        if related.__module__.startswith("simple_history") or related.__name__.startswith("Historical"):
            continue
        rows = related._base_manager.filter(**{relation.field.name: fresh.pk})
        if rows.count() > 200:
            continue
        state[f"rows {related.__name__}"] = sorted(
            repr(sorted(_row(row, skip=("id", "created_at", "updated_at")).items())) for row in rows
        )
        if hasattr(related, "history"):
            state[f"history records {related.__name__}"] = related.history.filter(
                **{relation.field.attname: fresh.pk}
            ).count()
    return state


def differences(before: dict, after: dict) -> list[str]:
    changes = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if key == "fields":
            changes += [f"{name}: {old[name]!r} → {new[name]!r}" for name in old if old[name] != new[name]]
        elif old != new:
            changes.append(f"{key}: {old!r} → {new!r}")
    return changes


def _edited_object(page: FormPage, objects):
    keys = [value for value in page.kwargs.values() if isinstance(value, str) and value in objects]
    return objects[keys[-1]] if keys else None


# --- the browser -------------------------------------------------------------------------------------------

CHECK_PAGE = """() => {
  const problems = [];
  const shown = (el) => {
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none'
      && [...el.getClientRects()].some((r) => r.width > 1 && r.height > 1);
  };
  const describe = (el) => {
    const text = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.type && el.tagName !== 'BUTTON' ? `[type=${el.type}]` : '')
      + (el.id ? `#${el.id}` : el.name ? `[name=${el.name}]` : '') + (text ? ` "${text}"` : '');
  };
  const forms = [...document.forms].filter((form) => form.method === 'post');
  const interactive = [];
  for (const form of forms) {
    for (const el of form.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], label')) {
      if (shown(el)) interactive.push(el);
    }
  }
  const boxes = interactive.map((el) => [...el.getClientRects()].filter((r) => r.width > 1 && r.height > 1));
  for (let i = 0; i < interactive.length; i++) {
    for (let j = i + 1; j < interactive.length; j++) {
      const a = interactive[i], b = interactive[j];
      if (a.contains(b) || b.contains(a)) continue;
      if ((a.tagName === 'LABEL' && a.control === b) || (b.tagName === 'LABEL' && b.control === a)) continue;
      const hit = boxes[i].some((p) => boxes[j].some((q) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 2
        && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 2));
      if (hit) problems.push(`${describe(a)} overlaps ${describe(b)}`);
    }
  }
  for (const label of document.querySelectorAll('label[for]')) {
    const text = label.innerText.trim().replace(/\\s+/g, ' ').slice(0, 40);
    if (!label.control) problems.push(`label "${text}" for="${label.htmlFor}" names no field`);
  }
  for (const form of forms) {
    for (const el of form.querySelectorAll('input, select, textarea')) {
      if (['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type) || !shown(el)) continue;
      const labelledBy = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
      const named = el.labels.length > 0 || (el.getAttribute('aria-label') || '').trim()
        || (labelledBy.length && labelledBy.every((id) => document.getElementById(id)));
      if (!named) problems.push(`${describe(el)} has no label`);
    }
  }
  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth) {
    const beyond = (el) => el.getBoundingClientRect().right > window.innerWidth + 1;
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => beyond(el) && !(el.parentElement && beyond(el.parentElement))).slice(0, 3).map(describe);
    const where = `${width} px wide at ${window.innerWidth}`;
    problems.push(`the page scrolls sideways (${where}); reaching out: ${wide.join(', ')}`);
  }
  return problems;
}"""

CHOICES = "form[method=post i] input[type=checkbox], form[method=post i] input[type=radio]"


def check_choices(page) -> list[str]:
    """Every visible checkbox and radio button is clicked once with the pointer: Playwright's check() (or
    uncheck() for a ticked box), which first makes sure the pointer reaches the box itself and nothing lies
    over it, then clicks. A ticked radio button and a box in a form that saves on change (htmx) get the same
    checks without the click (`trial`). All states are put back afterwards."""
    choices = page.locator(CHOICES)
    facts = choices.evaluate_all(
        """(all) => all.map((el) => {
          const style = getComputedStyle(el);
          return {
            shown: style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0,
            kind: el.type, checked: el.checked, live: !!el.closest('[hx-post]'),
            label: (el.labels[0] ? el.labels[0].innerText : el.name).trim().replace(/\\s+/g, ' ').slice(0, 40),
          };
        })"""
    )
    problems = []
    for index, fact in enumerate(facts):
        if not fact["shown"]:
            continue
        choice = choices.nth(index)
        try:
            if fact["live"] or (fact["kind"] == "radio" and fact["checked"]):
                choice.check(trial=True, timeout=CLICK_TIMEOUT_MS)
            elif fact["checked"]:
                choice.uncheck(timeout=CLICK_TIMEOUT_MS)
            else:
                choice.check(timeout=CLICK_TIMEOUT_MS)
        except PlaywrightError as error:
            lines = str(error).split("\n")
            reason = next((line.strip() for line in lines if "intercepts pointer events" in line), lines[0])
            problems.append(f"{fact['kind']} “{fact['label']}” cannot be ticked with the pointer: {reason[:160]}")
    choices.evaluate_all(
        "(all, states) => all.forEach((el, index) => { el.checked = states[index]; })",
        [fact["checked"] for fact in facts],
    )
    return problems


def _slug(page: FormPage, index: int) -> str:
    return f"{index:03d}-" + re.sub(r"[^a-z0-9]+", "-", f"{page.name}-{page.role}".lower()).strip("-")


def _contexts(browser, live_server, users, stack):
    contexts = {}
    for role, user in users.items():
        context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 800})
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        stack.append(context)
        contexts[role] = tab
    return contexts


def save_unchanged(tab, page: FormPage, obj, base_url) -> list[str]:
    before = snapshot(obj)
    tab.goto(base_url + page.url)
    form = (
        tab.locator("form[method=post i]")
        .filter(has=tab.locator("input:not([type=hidden]), select, textarea"))
        .nth(_own_form_index(tab))
    )
    invalid = form.evaluate(
        "f => f.noValidate ? [] : [...f.elements].filter((el) => el.willValidate && !el.checkValidity())"
        ".map((el) => `${el.name}: ${el.validationMessage}`)"
    )
    if invalid:
        return [f"the browser refuses to send it unchanged: {'; '.join(invalid)}"]
    submit = form.locator("button[type=submit], button:not([type]), input[type=submit]").first
    with tab.expect_navigation() as navigation:
        submit.click()
    response = navigation.value
    problems = []
    if response is None or response.status >= 400:
        problems.append(f"answered {response.status if response else 'nothing'}")
    errors = tab.locator(".kern-error, .kern-alert--danger").all_inner_texts()
    if errors:
        problems.append("refused: " + " | ".join(" ".join(text.split())[:120] for text in errors[:4]))
    problems += differences(before, snapshot(obj))
    return problems


def _own_form_index(tab) -> int:
    return tab.evaluate(
        """() => {
          const forms = [...document.forms].filter((f) => f.method === 'post'
            && [...f.elements].some((el) => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type)));
          const own = forms.findIndex(
            (f) => !f.getAttribute('action') || new URL(f.action).pathname === location.pathname);
          return Math.max(own, 0);
        }"""
    )


def test_every_form_in_the_browser(browser, live_server, one_of_everything_filled, record_property, tmp_path):
    users, objects = one_of_everything_filled
    clients = {role: Client(raise_request_exception=False) for role in ROLES}
    for role, user in users.items():
        if user is not None:
            clients[role].force_login(user)
    pages, problems = discover(objects, clients)
    keep_all_shots = bool(os.environ.get("FORM_SCREENSHOTS"))
    shots = Path(os.environ.get("FORM_SCREENSHOTS") or tmp_path / "forms")
    shots.mkdir(parents=True, exist_ok=True)
    contexts = []
    try:
        tabs = _contexts(browser, live_server, users, contexts)
        for index, page in enumerate(pages):
            tab = tabs[page.role]
            tab.set_viewport_size({"width": VIEWPORTS[0][0], "height": VIEWPORTS[0][1]})
            response = tab.goto(live_server.url + page.url)
            if response is None or response.status != 200:
                problems.append(f"{page}: answered {response.status if response else 'nothing'} in the browser")
                continue
            # A form folded into <details> (report a contribution) is checked unfolded, as a person opens it.
            tab.evaluate("() => document.querySelectorAll('details').forEach((el) => { el.open = true; })")
            for width, height in VIEWPORTS:
                tab.set_viewport_size({"width": width, "height": height})
                found = tab.evaluate(CHECK_PAGE) + check_choices(tab)
                problems += [f"{page} at {width}: {problem}" for problem in found]
                if found or keep_all_shots:
                    tab.screenshot(path=shots / f"{_slug(page, index)}-{width}.png", full_page=True)
        edits = [page for page in pages if page.is_edit]
        for page in edits:
            obj = _edited_object(page, objects)
            if obj is None:
                problems.append(f"{page}: no object of the world behind its address")
                continue
            problems += [
                f"{page} saved unchanged: {problem}"
                for problem in save_unchanged(tabs[page.role], page, obj, live_server.url)
            ]
    finally:
        for context in contexts:
            context.close()
    summary = (
        f"browser form check: {len(pages)} form pages ({len({page.name for page in pages})} URL names) at "
        f"{' and '.join(f'{w}×{h}' for w, h in VIEWPORTS)}, {len(edits)} edit pages saved unchanged; "
        f"screenshots in {shots}"
    )
    record_property("summary", summary)
    (shots / "problems.txt").write_text("\n".join(problems), encoding="utf-8")
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
