"""Walk every URL as every role and assert the expected answer (deny by default).

A new URL pattern without a row here fails `test_every_url_is_covered`.
"""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from smartregion.accounts import services as account_services
from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.territories import api_tokens
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from .factories import UserFactory

ROLES = ["anonymous", "unrelated", "editor", "territory_admin", "coordinator", "platform_admin"]
OK, REDIRECT, FORBIDDEN, LOGIN = 200, 302, 403, "login"


def everyone(status):
    return dict.fromkeys(ROLES, status)


def only(allowed_status, *roles, others=FORBIDDEN):
    expected = dict.fromkeys(ROLES, others)
    expected["anonymous"] = LOGIN
    for role in roles:
        expected[role] = allowed_status
    return expected


def _editors(status):
    """The people of the assessment's own territory, and platform admins."""
    return {"editor": status, "territory_admin": status, "platform_admin": status}


# (url name, kwargs builder key, method, expected per role)
CASES = [
    ("home", {}, "get", everyone(OK)),
    ("data_sources", {}, "get", everyone(OK)),
    ("healthz", {}, "get", everyone(OK)),
    ("core:imprint", {}, "get", everyone(OK)),
    ("core:privacy", {}, "get", everyone(OK)),
    ("core:accessibility", {}, "get", everyone(OK)),
    ("core:accessibility", {}, "post", everyone(OK)),  # an empty message: the form with its errors
    ("core:accessibility_feedback", {}, "get", only(OK, "platform_admin")),
    (
        "core:accessibility_feedback_answered",
        {"pk": "accessibility_feedback"},
        "post",
        only(REDIRECT, "platform_admin"),
    ),
    ("core:easy_read", {}, "get", everyone(OK)),
    ("core:easy_read_page", {"page": "mitmachen"}, "get", everyone(OK)),
    ("core:sign_language", {}, "get", everyone(OK)),
    ("glossary:list", {}, "get", everyone(OK)),
    ("glossary:detail", {"slug": "term"}, "get", everyone(OK)),
    ("glossary:create", {}, "get", only(OK, "coordinator", "platform_admin")),
    ("glossary:export", {"fmt": "csv"}, "get", everyone(OK)),
    ("glossary:edit", {"slug": "term"}, "get", only(OK, "coordinator", "platform_admin")),
    (
        "core:history",
        {"app_label": "glossary", "model_name": "term", "pk": "term"},
        "get",
        only(OK, "coordinator", "platform_admin"),
    ),
    ("funding:list", {}, "get", everyone(OK)),
    ("funding:deadlines", {}, "get", everyone(OK)),
    ("funding:deadlines_ics", {}, "get", everyone(OK)),
    ("funding:detail", {"code": "FP-001"}, "get", everyone(OK)),
    ("funding:export", {"fmt": "xlsx"}, "get", everyone(OK)),
    ("funding:import", {}, "get", only(OK, "coordinator", "platform_admin")),
    ("offerings:list", {}, "get", everyone(OK)),
    ("offerings:detail", {"code": "offering"}, "get", everyone(OK)),
    ("offerings:export", {"fmt": "json"}, "get", everyone(OK)),
    ("offerings:import", {}, "get", only(OK, "coordinator", "platform_admin")),
    ("offerings:create", {}, "get", only(OK, "coordinator", "platform_admin")),
    ("offerings:edit", {"code": "offering"}, "get", only(OK, "coordinator", "platform_admin")),
    (
        "core:history",
        {"app_label": "offerings", "model_name": "offering", "pk": "offering"},
        "get",
        only(OK, "coordinator", "platform_admin"),
    ),
    (
        "core:history",
        {"app_label": "territories", "model_name": "territory", "pk": "jena"},
        "get",
        only(OK, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    (
        "core:history",
        {"app_label": "network", "model_name": "network", "pk": "network"},
        "get",
        only(OK, "coordinator", "platform_admin"),
    ),
    ("territories:search", {}, "get", everyone(OK)),
    ("territories:detail", {"code": "jena"}, "get", everyone(OK)),
    ("territories:boundary_geojson", {"code": "ilm_kreis"}, "get", everyone(OK)),
    ("territories:level_geojson", {"level": "land"}, "get", everyone(OK)),
    ("territories:alliance_edit", {"code": "alliance"}, "get", only(OK, "coordinator", "platform_admin")),
    ("territories:alliance_delete", {"code": "alliance"}, "post", only(REDIRECT, "coordinator", "platform_admin")),
    ("territories:team", {"code": "jena"}, "get", only(OK, "editor", "territory_admin", "platform_admin")),
    ("territories:team", {"code": "jena"}, "post", only(REDIRECT, "territory_admin", "platform_admin")),
    (
        "territories:revoke_role",
        {"code": "jena", "role_id": "editor_role"},
        "post",
        only(REDIRECT, "territory_admin", "platform_admin"),
    ),
    # Requests for access (ADR 0021): "unrelated" asked for Jena (admins decide) and for the alliance (no
    # admins: the network's coordinator decides).
    ("territories:access_request", {"code": "jena"}, "get", only(OK, "unrelated", "coordinator")),
    ("territories:access_request", {"code": "jena"}, "post", only(OK, "unrelated", "coordinator")),
    ("territories:website", {"code": "jena"}, "post", only(OK, "territory_admin", "platform_admin")),
    ("access:requests", {}, "get", only(OK, "territory_admin", "coordinator", "platform_admin")),
    (
        "access:request",
        {"pk": "access_request"},
        "get",
        {**everyone(404), "anonymous": LOGIN, "unrelated": OK, "territory_admin": OK, "platform_admin": OK},
    ),
    (
        "access:request",
        {"pk": "access_request_no_admins"},
        "get",
        {**everyone(404), "anonymous": LOGIN, "unrelated": OK, "coordinator": OK, "platform_admin": OK},
    ),
    (
        "access:request_approve",
        {"pk": "access_request"},
        "post",
        {
            **everyone(404),
            "anonymous": LOGIN,
            "unrelated": FORBIDDEN,
            "territory_admin": REDIRECT,
            "platform_admin": REDIRECT,
        },
    ),
    (
        "access:request_approve",
        {"pk": "access_request_no_admins"},
        "post",
        {
            **everyone(404),
            "anonymous": LOGIN,
            "unrelated": FORBIDDEN,
            "coordinator": REDIRECT,
            "platform_admin": REDIRECT,
        },
    ),
    (
        "access:request_decline",
        {"pk": "access_request"},
        "post",
        {**everyone(404), "anonymous": LOGIN, "unrelated": FORBIDDEN, "territory_admin": OK, "platform_admin": OK},
    ),
    (
        "access:request_withdraw",
        {"pk": "access_request"},
        "post",
        {
            **everyone(404),
            "anonymous": LOGIN,
            "unrelated": REDIRECT,
            "territory_admin": FORBIDDEN,
            "platform_admin": FORBIDDEN,
        },
    ),
    ("network:list", {}, "get", everyone(OK)),
    ("network:detail", {"slug": "network"}, "get", everyone(OK)),
    ("network:edit", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    ("network:add_member", {"slug": "network"}, "post", only(REDIRECT, "coordinator", "platform_admin")),
    (
        "network:remove_member",
        {"slug": "network", "territory_id": "jena"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    ("network:alliance_create", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    ("network:coordination", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    (
        "accounts:profile",
        {},
        "get",
        only(OK, "unrelated", "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    ("projects:catalog", {}, "get", everyone(OK)),
    ("projects:map", {}, "get", everyone(OK)),
    ("projects:map_data", {}, "get", everyone(OK)),
    ("projects:export", {"fmt": "csv"}, "get", everyone(OK)),
    ("projects:catalogue_file", {"fmt": "csv"}, "get", everyone(REDIRECT)),  # the live export before the nightly run
    ("projects:similar_preview", {}, "get", everyone(OK)),
    ("projects:import_template", {"fmt": "xlsx"}, "get", everyone(OK)),
    ("projects:import", {}, "get", only(OK, "coordinator", "platform_admin")),
    ("projects:create", {}, "get", only(OK, "editor", "territory_admin", "platform_admin")),
    ("projects:detail", {"pk": "project"}, "get", everyone(OK)),
    (
        "projects:detail",
        {"pk": "draft"},
        "get",
        {**everyone(404), "editor": OK, "territory_admin": OK, "coordinator": OK, "platform_admin": OK},
    ),
    ("projects:similar", {"pk": "project"}, "get", everyone(OK)),
    (
        "projects:similar",
        {"pk": "draft"},
        "get",
        {**everyone(404), "editor": OK, "territory_admin": OK, "coordinator": OK, "platform_admin": OK},
    ),
    ("projects:edit", {"pk": "project"}, "get", only(OK, "editor", "territory_admin", "coordinator", "platform_admin")),
    (
        "projects:reuse_edit",
        {"pk": "project"},
        "get",
        only(OK, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    (
        "projects:publish",
        {"pk": "project"},
        "post",
        only(REDIRECT, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    (
        "projects:delete",
        {"pk": "project"},
        "post",
        only(REDIRECT, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    # Platform admins pass every permission; without a territory of their own nothing is created.
    ("projects:adopt", {"pk": "other_project"}, "post", only(REDIRECT, "editor", "territory_admin", "platform_admin")),
    ("projects:adopt", {"pk": "other_project"}, "get", only(OK, "editor", "territory_admin", "platform_admin")),
    (
        "projects:contact",
        {"pk": "project"},
        "get",
        only(OK, "unrelated", "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    (
        "projects:attachment_upload",
        {"pk": "project"},
        "post",
        only(REDIRECT, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    (
        "projects:attachment_remove",
        {"pk": "project", "attachment_id": "attachment"},
        "post",
        only(REDIRECT, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    ("api-root", {}, "get", everyone(OK)),
    ("api-schema", {}, "get", everyone(OK)),
    ("api-docs", {}, "get", everyone(OK)),
    ("project-list", {}, "get", everyone(OK)),
    ("project-detail", {"pk": "project"}, "get", everyone(OK)),
    (
        "project-detail",
        {"pk": "draft"},
        "get",
        {**everyone(404), "editor": OK, "territory_admin": OK, "coordinator": OK, "platform_admin": OK},
    ),
    ("network_projects:duplicates", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    ("reports:whitepaper", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    ("reports:whitepaper_pdf", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    ("reports:whitepaper_docx", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    ("funding_gaps:report", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    ("funding_gaps:export", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    (
        "funding_gaps:recommendation_edit",
        {"slug": "network", "grouping": "handlungsfeld", "key": "verwaltung"},
        "get",
        only(OK, "coordinator", "platform_admin"),
    ),
    ("accounts:login", {}, "get", {**everyone(REDIRECT), "anonymous": OK}),
    ("accounts:register", {}, "get", {**everyone(REDIRECT), "anonymous": OK}),
    ("accounts:register_sent", {}, "get", everyone(OK)),
    ("accounts:register_confirm", {"token": "falsch"}, "get", {**everyone(REDIRECT), "anonymous": 400}),
    ("accounts:register_confirm", {"token": "falsch"}, "post", {**everyone(REDIRECT), "anonymous": 400}),
    (
        "accounts:register_confirm",
        {"token": account_services.sign_up_token("neues-konto@kommune.example")},
        "get",
        {**everyone(REDIRECT), "anonymous": OK},
    ),
    ("accounts:logout", {}, "post", everyone(REDIRECT)),
    # Sign-in through an identity provider (ADR 0027): off without configuration; on, tests/accounts/test_oidc.py.
    ("accounts:oidc_login", {}, "get", everyone(404)),
    ("oidc_callback", {}, "get", everyone(404)),
    # … and for several providers by key (tests/accounts/test_oidc_providers.py).
    ("accounts:oidc_login_at", {"key": "land"}, "get", everyone(404)),
    ("oidc_callback_at", {"key": "land"}, "get", everyone(404)),
    ("accounts:password_reset", {}, "get", everyone(OK)),
    ("accounts:password_reset_done", {}, "get", everyone(OK)),
    ("accounts:password_reset_complete", {}, "get", everyone(OK)),
    ("accounts:password_reset_confirm", {"uidb64": "MQ", "token": "falsch"}, "get", everyone(OK)),
    ("invitations:show", {"token": "unknown"}, "get", everyone(404)),
    # The link of the confirmation mail (another address takes an invitation): signed in, then the invitation.
    (
        "invitations:confirm",
        {"token": "unknown", "confirmation": "falsch"},
        "get",
        {**everyone(404), "anonymous": LOGIN},
    ),
    (
        "invitations:confirm",
        {"token": "unknown", "confirmation": "falsch"},
        "post",
        {**everyone(404), "anonymous": LOGIN},
    ),
    ("assessments:index", {}, "get", everyone(OK)),
    ("assessment-list", {}, "get", everyone(OK)),
    ("assessment-detail", {"pk": "assessment"}, "get", {**everyone(404), **_editors(OK)}),
    ("assessments:matrix", {}, "get", everyone(OK)),
    (
        "assessments:start",
        {"territory_id": "jena"},
        "post",
        only(REDIRECT, "editor", "territory_admin", "platform_admin"),
    ),
    # A private assessment: its own territory's people only; for everybody else it does not exist.
    ("assessments:results", {"pk": "assessment"}, "get", {**everyone(404), **_editors(OK)}),
    ("assessments:export", {"pk": "assessment", "fmt": "xlsx"}, "get", {**everyone(404), **_editors(OK)}),
    (
        "assessments:questionnaire",
        {"pk": "draft_assessment", "domain": "verwaltung"},
        "get",
        {**everyone(404), "anonymous": LOGIN, **_editors(OK)},
    ),
    # A submitted cycle reads, read-only, for whoever may see it (issue 20, finding 8: it answered 403).
    (
        "assessments:questionnaire",
        {"pk": "assessment", "domain": "verwaltung"},
        "get",
        {**everyone(404), "anonymous": LOGIN, **_editors(OK)},
    ),
    # An empty cell form is refused with its errors (400); others never get that far.
    (
        "assessments:save_cell",
        {"pk": "draft_assessment", "cell_id": "cell"},
        "post",
        {**everyone(404), "anonymous": LOGIN, **_editors(400)},
    ),
    (
        "assessments:submit",
        {"pk": "draft_assessment"},
        "post",
        {**everyone(404), "anonymous": LOGIN, **_editors(REDIRECT)},
    ),
    (
        "assessments:visibility",
        {"pk": "assessment"},
        "post",
        {**everyone(404), "anonymous": LOGIN, **_editors(REDIRECT)},
    ),
    ("assessments:invite", {"pk": "assessment"}, "post", {**everyone(404), "anonymous": LOGIN, **_editors(REDIRECT)}),
    ("assessments:review", {"pk": "review"}, "get", {**everyone(404), "anonymous": LOGIN, **_editors(OK)}),
    (
        "assessments:review_done",
        {"pk": "review"},
        "post",
        {**everyone(404), "anonymous": LOGIN, **_editors(FORBIDDEN)},
    ),
    ("assessments:dashboard", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    (
        "assessments:dashboard_export",
        {"slug": "network", "fmt": "xlsx"},
        "get",
        only(OK, "coordinator", "platform_admin"),
    ),
    (
        "core:history",
        {"app_label": "assessments", "model_name": "assessment", "pk": "assessment"},
        "get",
        only(OK, "editor", "territory_admin", "platform_admin"),
    ),
    (
        "core:history",
        {"app_label": "assessments", "model_name": "answer", "pk": "answer"},
        "get",
        only(OK, "editor", "territory_admin", "platform_admin"),
    ),
]


def _in_network(status):
    """The people of the network's member Jena, its coordinator, and platform admins."""
    return {"editor": status, "territory_admin": status, "coordinator": status, "platform_admin": status}


# Experts, needs, matching (issue 6).
def _managers(status):
    """The territory's people, the coordinators of its network, and platform admins."""
    return {**_editors(status), "coordinator": status}


CASES += [
    ("actors:directory", {}, "get", everyone(OK)),
    ("actors:near", {}, "get", everyone(OK)),
    ("actors:detail", {"pk": "actor"}, "get", everyone(OK)),
    ("actors:create", {}, "get", only(OK, "coordinator", "platform_admin")),
    ("actors:edit", {"pk": "actor"}, "get", only(OK, "coordinator", "platform_admin")),
    ("actors:delete", {"pk": "actor"}, "post", only(REDIRECT, "coordinator", "platform_admin")),
    (
        "core:history",
        {"app_label": "actors", "model_name": "actor", "pk": "actor"},
        "get",
        only(OK, "coordinator", "platform_admin"),
    ),
    ("actor-list", {}, "get", everyone(OK)),
    ("actor-detail", {"pk": "actor"}, "get", everyone(OK)),
    ("needs:list", {}, "get", everyone(OK)),
    ("needs:create", {}, "get", only(OK, "editor", "territory_admin", "coordinator", "platform_admin")),
    ("needs:detail", {"pk": "public_need"}, "get", everyone(OK)),
    # A need from a private assessment: it does not exist for outsiders.
    ("needs:detail", {"pk": "need"}, "get", {**everyone(404), **_managers(OK)}),
    ("needs:edit", {"pk": "need"}, "get", {**everyone(404), "anonymous": LOGIN, **_managers(OK)}),
    ("needs:delete", {"pk": "need"}, "post", {**everyone(404), "anonymous": LOGIN, **_managers(REDIRECT)}),
    (
        "core:history",
        {"app_label": "needs", "model_name": "need", "pk": "need"},
        "get",
        only(OK, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    ("need-list", {}, "get", everyone(OK)),
    ("need-detail", {"pk": "need"}, "get", {**everyone(404), **_managers(OK)}),
    ("matches", {}, "get", {**everyone(404), **_managers(OK)}),
    ("matching:search", {}, "get", everyone(OK)),
    ("matching:method", {}, "get", everyone(OK)),
    ("matching:gap", {"assessment_pk": "assessment", "cell_pk": "gap_cell"}, "get", {**everyone(404), **_editors(OK)}),
    ("funding:edit", {"code": "programme"}, "get", only(OK, "coordinator", "platform_admin")),
    (
        "core:history",
        {"app_label": "funding", "model_name": "fundingprogramme", "pk": "programme"},
        "get",
        only(OK, "coordinator", "platform_admin"),
    ),
]


# Digitalisierungskonzept and its consultation (issue 5). "agenda" is in an open public consultation,
# "agenda_draft" is a draft of the same territory.
def _writers(status):
    return {"editor": status, "territory_admin": status, "platform_admin": status}


def _write(status):
    """Writing an agenda: its writers; anonymous visitors are sent to the login, everybody else refused."""
    return only(status, "editor", "territory_admin", "platform_admin")


def _signed_up(status):
    return {**everyone(status), "anonymous": LOGIN}


CASES += [
    ("agendas:list", {}, "get", everyone(OK)),
    ("agendas:create", {}, "get", _write(OK)),
    ("agendas:network_monitoring", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    ("agendas:detail", {"pk": "agenda"}, "get", everyone(OK)),
    ("agendas:detail", {"pk": "agenda_draft"}, "get", {**everyone(404), **_writers(OK), "coordinator": OK}),
    ("agendas:monitoring", {"pk": "agenda_draft"}, "get", {**everyone(404), **_writers(OK), "coordinator": OK}),
    (
        "agendas:export",
        {"pk": "agenda_draft", "fmt": "json"},
        "get",
        {**everyone(404), **_writers(OK), "coordinator": OK},
    ),
    ("agendas:edit", {"pk": "agenda"}, "get", _write(OK)),
    ("agendas:history", {"pk": "agenda"}, "get", {**_write(OK), "coordinator": OK}),
    (
        "agendas:delete",
        {"pk": "agenda_draft"},
        "post",
        {**everyone(404), "anonymous": LOGIN, **_writers(REDIRECT), "coordinator": FORBIDDEN},
    ),
    ("agendas:status", {"pk": "agenda", "step": "beenden"}, "post", _write(REDIRECT)),
    ("agendas:concept_create", {"pk": "agenda"}, "get", _write(OK)),
    ("agendas:concept_edit", {"pk": "agenda", "concept_pk": "agenda_concept"}, "get", _write(OK)),
    ("agendas:actor_create", {"pk": "agenda"}, "get", _write(OK)),
    ("agendas:actor_edit", {"pk": "agenda", "actor_pk": "agenda_actor"}, "get", _write(OK)),
    ("agendas:goal_create", {"pk": "agenda"}, "get", _write(OK)),
    ("agendas:goal_edit", {"pk": "agenda", "goal_pk": "agenda_goal"}, "get", _write(OK)),
    ("agendas:goal_targets", {"pk": "agenda", "goal_pk": "agenda_goal"}, "get", _write(OK)),
    ("agendas:remove_part", {"pk": "agenda", "kind": "konzept", "part_pk": "agenda_concept"}, "post", _write(REDIRECT)),
    ("agendas:measure_create", {"pk": "agenda"}, "get", _write(OK)),
    ("agendas:measure", {"pk": "agenda", "measure_pk": "agenda_measure"}, "get", everyone(OK)),
    ("agendas:measure_edit", {"pk": "agenda", "measure_pk": "agenda_measure"}, "get", _write(OK)),
    ("agendas:measure_delete", {"pk": "agenda", "measure_pk": "agenda_measure"}, "post", _write(REDIRECT)),
    ("agendas:progress", {"pk": "agenda", "measure_pk": "agenda_measure"}, "post", _write(REDIRECT)),
    ("agendas:monitoring", {"pk": "agenda"}, "get", everyone(OK)),
    ("agendas:monitoring_pdf", {"pk": "agenda"}, "get", everyone(OK)),
    # Files built as jobs (ADR 0026): asked for with the export's own permission (a draft: its team and the
    # coordinators; 404 for the rest, as the agenda); without a broker built at once, so a redirect to the file.
    (
        "jobs:start",
        {"kind": "agenda-pdf", "object_id": "agenda_draft"},
        "post",
        {**everyone(404), "anonymous": LOGIN, **_writers(REDIRECT), "coordinator": REDIRECT},
    ),
    (
        "jobs:start",
        {"kind": "whitepaper-docx", "object_id": "network"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    # A job is its owner's only (the editor's here): the file shows the object as she sees it.
    ("jobs:detail", {"pk": "job"}, "get", {**everyone(404), "anonymous": LOGIN, "editor": OK}),
    ("jobs:download", {"pk": "job"}, "get", {**everyone(404), "anonymous": LOGIN, "editor": OK}),
    ("agendas:export", {"pk": "agenda", "fmt": "json"}, "get", everyone(OK)),
    ("agendas:consultation", {"pk": "agenda"}, "get", everyone(OK)),
    ("agendas:comment", {"pk": "agenda", "audience": "public"}, "post", _signed_up(REDIRECT)),
    ("agendas:comment", {"pk": "agenda", "audience": "team"}, "post", {**_write(REDIRECT), "coordinator": REDIRECT}),
    # Replies (issue 25): anybody signed in answers a comment of the open public consultation on its own page.
    ("agendas:reply", {"pk": "agenda", "comment_pk": "agenda_comment"}, "get", _signed_up(OK)),
    ("agendas:reply", {"pk": "agenda", "comment_pk": "agenda_comment"}, "post", _signed_up(REDIRECT)),
    (
        "agendas:reply",
        {"pk": "agenda_draft", "comment_pk": "agenda_comment"},
        "get",
        {
            **everyone(404),
            "anonymous": LOGIN,
            "editor": FORBIDDEN,
            "territory_admin": FORBIDDEN,
            "coordinator": FORBIDDEN,
        },
    ),
    ("agendas:propose_idea", {"pk": "agenda"}, "post", _signed_up(REDIRECT)),
    ("agendas:support", {"pk": "agenda", "idea_pk": "agenda_idea"}, "post", _signed_up(REDIRECT)),
    ("agendas:handle_idea", {"pk": "agenda"}, "post", _write(REDIRECT)),
    ("agendas:conclusion", {"pk": "agenda"}, "post", _write(REDIRECT)),
    ("agendas:moderate", {"pk": "agenda", "audience": "public"}, "post", _write(REDIRECT)),
    # Reports to the moderation (issue 20, finding 7): anybody signed in reports (the platform admin's own comment
    # is refused with a message, also a redirect); the writers see the queue and dismiss reports.
    ("agendas:flag", {"pk": "agenda"}, "post", _signed_up(REDIRECT)),
    ("agendas:flag", {"pk": "agenda"}, "get", _signed_up(405)),
    # A draft has no consultation: outsiders do not see it, its writers and coordinators may not report in it.
    (
        "agendas:flag",
        {"pk": "agenda_draft"},
        "post",
        {
            **everyone(404),
            "anonymous": LOGIN,
            "editor": FORBIDDEN,
            "territory_admin": FORBIDDEN,
            "coordinator": FORBIDDEN,
        },
    ),
    ("agendas:moderation_queue", {"pk": "agenda"}, "get", _write(OK)),
    ("agendas:moderation_queue", {"pk": "agenda"}, "post", _signed_up(405)),
    (
        "agendas:moderation_queue",
        {"pk": "agenda_draft"},
        "get",
        {**everyone(404), "anonymous": LOGIN, "coordinator": FORBIDDEN},
    ),
    ("agendas:dismiss_flags", {"pk": "agenda"}, "post", _write(REDIRECT)),
    ("agendas:dismiss_flags", {"pk": "agenda"}, "get", _signed_up(405)),
    (
        "core:history",
        {"app_label": "agendas", "model_name": "agenda", "pk": "agenda"},
        "get",
        only(OK, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    (
        "core:history",
        {"app_label": "agendas", "model_name": "measure", "pk": "agenda_measure"},
        "get",
        only(OK, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    ("search", {}, "get", everyone(OK)),
    ("toolkit:index", {}, "get", everyone(OK)),
    ("toolkit:export", {"what": "leitfaeden", "fmt": "json"}, "get", everyone(OK)),
    ("toolkit:guide", {"slug": "guide"}, "get", everyone(OK)),
    ("toolkit:guide", {"slug": "draft_guide"}, "get", {**everyone(404), "coordinator": OK, "platform_admin": OK}),
    ("toolkit:guide_versions", {"slug": "guide"}, "get", everyone(OK)),
    ("toolkit:guide_create", {}, "get", only(OK, "coordinator", "platform_admin")),
    ("toolkit:guide_edit", {"slug": "guide"}, "get", only(OK, "coordinator", "platform_admin")),
    ("toolkit:review", {}, "get", only(OK, "coordinator", "platform_admin")),
    ("toolkit:attachment_upload", {"slug": "guide"}, "post", only(REDIRECT, "coordinator", "platform_admin")),
    (
        "toolkit:attachment_remove",
        {"slug": "guide", "attachment_id": "guide_attachment"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    ("toolkit:attachment", {"attachment_id": "guide_attachment", "name": "vorlage.xlsx"}, "get", everyone(OK)),
    ("toolkit:recommendations", {}, "get", everyone(OK)),
    ("toolkit:recommendation", {"slug": "recommendation"}, "get", everyone(OK)),
    ("toolkit:recommendation_create", {}, "get", only(OK, "coordinator", "platform_admin")),
    ("toolkit:recommendation_edit", {"slug": "recommendation"}, "get", only(OK, "coordinator", "platform_admin")),
    (
        "core:history",
        {"app_label": "toolkit", "model_name": "guide", "pk": "guide"},
        "get",
        only(OK, "coordinator", "platform_admin"),
    ),
    (
        "toolkit:stocktake_start",
        {},
        "get",
        {**only(OK, "unrelated", "coordinator", "platform_admin"), "editor": REDIRECT, "territory_admin": REDIRECT},
    ),
    (
        "toolkit:stocktake",
        {"code": "jena", "step": "projekte"},
        "get",
        only(OK, "editor", "territory_admin", "platform_admin"),
    ),
    (
        "toolkit:stocktake_entry",
        {"code": "jena", "entry_id": "stocktake_entry"},
        "get",
        only(OK, "editor", "territory_admin", "platform_admin"),
    ),
    (
        "toolkit:stocktake_entry_remove",
        {"code": "jena", "entry_id": "stocktake_entry"},
        "post",
        only(REDIRECT, "editor", "territory_admin", "platform_admin"),
    ),
    (
        "toolkit:stocktake_download",
        {"code": "jena", "kind": "project", "fmt": "csv"},
        "get",
        only(OK, "editor", "territory_admin", "platform_admin"),
    ),
    ("events:list", {"slug": "network"}, "get", everyone(OK)),
    ("events:list_ics", {"slug": "network"}, "get", everyone(OK)),
    ("events:create", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    ("events:host_decline", {"slug": "network"}, "post", only(REDIRECT, "coordinator", "platform_admin")),
    ("events:partnership_create", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
    # The agreement is the partners' (Jena is one; the coordinator's network has Jena as a member) until they
    # publish it; every stored file is walked as more roles in tests/test_file_access.py.
    (
        "events:partnership_agreement",
        {"pk": "partnership"},
        "get",
        only(OK, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    (
        "events:partnership_publication",
        {"pk": "partnership"},
        "post",
        only(REDIRECT, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    ("projects:attachment", {"pk": "project", "attachment_id": "attachment"}, "get", everyone(OK)),
    (
        "agendas:concept_document",
        {"pk": "agenda_draft", "concept_pk": "agenda_draft_concept"},
        "get",
        {**everyone(404), **_writers(OK), "coordinator": OK},
    ),
    ("events:detail", {"slug": "network", "pk": "event"}, "get", everyone(OK)),
    ("events:ics", {"slug": "network", "pk": "event"}, "get", everyone(OK)),
    ("events:workshop_report", {"slug": "network", "pk": "event"}, "get", everyone(OK)),
    # An internal event exists only for the people in its network (member territories, coordinators, admins).
    ("events:detail", {"slug": "network", "pk": "internal_event"}, "get", {**everyone(404), **_in_network(OK)}),
    ("events:ics", {"slug": "network", "pk": "internal_event"}, "get", {**everyone(404), **_in_network(OK)}),
    (
        "events:workshop_report",
        {"slug": "network", "pk": "internal_event"},
        "get",
        {**everyone(404), **_in_network(OK)},
    ),
    (
        "events:register",
        {"slug": "network", "pk": "internal_event"},
        "post",
        {**everyone(404), "anonymous": LOGIN, **_in_network(REDIRECT)},
    ),
    (
        "events:unregister",
        {"slug": "network", "pk": "internal_event"},
        "post",
        {**everyone(404), "anonymous": LOGIN, **_in_network(REDIRECT)},
    ),
    ("events:edit", {"slug": "network", "pk": "event"}, "get", only(OK, "coordinator", "platform_admin")),
    (
        "events:cancel",
        {"slug": "network", "pk": "event"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    (
        "events:register",
        {"slug": "network", "pk": "event"},
        "post",
        only(REDIRECT, "unrelated", "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    (
        "events:unregister",
        {"slug": "network", "pk": "event"},
        "post",
        only(REDIRECT, "unrelated", "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    (
        "events:minutes",
        {"slug": "network", "pk": "event"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    (
        "events:follow_up",
        {"slug": "network", "pk": "event"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    ("events:card", {"slug": "network", "pk": "event"}, "post", only(REDIRECT, "coordinator", "platform_admin")),
    (
        "events:card_vote",
        {"slug": "network", "pk": "event", "card_id": "card"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    # Attendance without online registration (issue 20, finding 6): the coordination records it.
    (
        "events:walk_in",
        {"slug": "network", "pk": "event"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    (
        "events:walk_in_remove",
        {"slug": "network", "pk": "event", "walk_in_id": "walk_in"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    # Follow-ups of the network's events: listed for the people in the network; the follow-up of the walk's objects
    # is Jena's, so Jena's people record where it stands (the coordination changes everything).
    ("events:follow_ups", {"slug": "network"}, "get", {**only(FORBIDDEN), **_in_network(OK)}),
    ("events:follow_up_edit", {"slug": "network", "pk": "follow_up"}, "get", {**only(FORBIDDEN), **_in_network(OK)}),
    ("events:follow_up_edit", {"slug": "network", "pk": "follow_up"}, "post", {**only(FORBIDDEN), **_in_network(OK)}),
    ("dcat_catalog", {"fmt": "ttl"}, "get", everyone(OK)),
    ("dcat_catalog_file", {}, "get", everyone(404)),  # stored by the nightly task; none in the walk
    ("opendata:inventory", {}, "get", everyone(OK)),
    ("dataset-list", {}, "get", everyone(OK)),
    (
        "access:api_token_revoke",
        {"pk": "api_token"},
        "post",
        {**everyone(404), "anonymous": LOGIN, "editor": REDIRECT},
    ),
    (
        "access:api_tokens",
        {},
        "get",
        only(OK, "unrelated", "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    ("dataset-detail", {"pk": "open_dataset"}, "get", everyone(OK)),
    (
        "dataset-detail",
        {"pk": "internal_dataset"},
        "get",
        {**everyone(404), "editor": OK, "territory_admin": OK, "coordinator": OK, "platform_admin": OK},
    ),
    ("event-list", {}, "get", everyone(OK)),
    ("territory-list", {}, "get", everyone(OK)),
    ("territory-detail", {"pk": "jena"}, "get", everyone(OK)),
    ("network-list", {}, "get", everyone(OK)),
    ("network-detail", {"pk": "network"}, "get", everyone(OK)),
    ("programme-list", {}, "get", everyone(OK)),
    ("programme-detail", {"pk": "programme"}, "get", everyone(OK)),
    ("offering-list", {}, "get", everyone(OK)),
    ("offering-detail", {"pk": "offering"}, "get", everyone(OK)),
    ("agenda-list", {}, "get", everyone(OK)),
    ("agenda-detail", {"pk": "agenda"}, "get", everyone(OK)),
    ("agenda-detail", {"pk": "agenda_draft"}, "get", {**everyone(404), **_writers(OK), "coordinator": OK}),
    ("event-detail", {"pk": "event"}, "get", everyone(OK)),
    ("event-detail", {"pk": "internal_event"}, "get", {**everyone(404), **_in_network(OK)}),
    ("opendata:detail", {"pk": "open_dataset"}, "get", everyone(OK)),
    (
        "opendata:detail",
        {"pk": "internal_dataset"},
        "get",
        {**everyone(404), "editor": OK, "territory_admin": OK, "coordinator": OK, "platform_admin": OK},
    ),
    ("opendata:edit", {"pk": "open_dataset"}, "get", only(OK, "editor", "territory_admin", "platform_admin")),
    ("opendata:territory", {"code": "jena"}, "get", everyone(OK)),
    ("opendata:create", {"code": "jena"}, "get", only(OK, "editor", "territory_admin", "platform_admin")),
    ("opendata:import", {"code": "jena"}, "get", only(OK, "editor", "territory_admin", "platform_admin")),
    ("opendata:network_map", {"slug": "network"}, "get", everyone(OK)),
    ("opendata:quality", {"code": "jena"}, "get", only(OK, "editor", "territory_admin", "platform_admin")),
    ("opendata:network_quality", {"slug": "network"}, "get", only(OK, "coordinator", "platform_admin")),
]


# Writes (issue 19): every URL whose view takes POST, PUT, PATCH or DELETE has a row with that method
# (test_every_write_path_has_a_write_row). An empty form shows who gets past the rule: allowed people see the
# form again with its errors (200) or are sent on (302), everybody else is refused before anything is read.
# Crafted imports and API keys: tests/test_write_paths.py.
def _signed_in(status):
    return {**everyone(status), "anonymous": LOGIN}


_ANONYMOUS_ONLY = {**everyone(REDIRECT), "anonymous": OK}
_WRITES_AGENDA = only(OK, "editor", "territory_admin", "platform_admin")
_CURATES = only(OK, "coordinator", "platform_admin")
_EDITS_JENA = only(OK, "editor", "territory_admin", "platform_admin")
_API_WRITE_WITHOUT_KEY = {**everyone(FORBIDDEN), "anonymous": 401}  # a session is no API key

CASES += [
    ("accounts:login", {}, "post", _ANONYMOUS_ONLY),
    ("accounts:register", {}, "post", _ANONYMOUS_ONLY),
    ("accounts:password_reset", {}, "post", everyone(OK)),
    ("accounts:password_reset_confirm", {"uidb64": "MQ", "token": "falsch"}, "post", everyone(OK)),
    ("invitations:show", {"token": "unknown"}, "post", everyone(404)),
    ("accounts:profile", {}, "post", _signed_in(OK)),
    ("access:api_tokens", {}, "post", _signed_in(OK)),
    ("actors:create", {}, "post", _CURATES),
    ("actors:edit", {"pk": "actor"}, "post", _CURATES),
    ("agendas:create", {}, "post", _WRITES_AGENDA),
    ("agendas:edit", {"pk": "agenda"}, "post", _WRITES_AGENDA),
    ("agendas:actor_create", {"pk": "agenda"}, "post", _WRITES_AGENDA),
    ("agendas:actor_edit", {"pk": "agenda", "actor_pk": "agenda_actor"}, "post", _WRITES_AGENDA),
    ("agendas:concept_create", {"pk": "agenda"}, "post", _WRITES_AGENDA),
    ("agendas:concept_edit", {"pk": "agenda", "concept_pk": "agenda_concept"}, "post", _WRITES_AGENDA),
    ("agendas:goal_create", {"pk": "agenda"}, "post", _WRITES_AGENDA),
    ("agendas:goal_edit", {"pk": "agenda", "goal_pk": "agenda_goal"}, "post", _WRITES_AGENDA),
    ("agendas:goal_targets", {"pk": "agenda", "goal_pk": "agenda_goal"}, "post", _WRITES_AGENDA),
    ("agendas:measure_create", {"pk": "agenda"}, "post", _WRITES_AGENDA),
    ("agendas:measure_edit", {"pk": "agenda", "measure_pk": "agenda_measure"}, "post", _WRITES_AGENDA),
    ("assessments:review", {"pk": "review"}, "post", {**everyone(404), "anonymous": LOGIN, **_editors(OK)}),
    ("funding:edit", {"code": "programme"}, "post", _CURATES),
    ("funding:import", {}, "post", _CURATES),
    ("offerings:create", {}, "post", _CURATES),
    ("offerings:edit", {"code": "offering"}, "post", _CURATES),
    ("offerings:import", {}, "post", _CURATES),
    ("glossary:create", {}, "post", _CURATES),
    ("glossary:edit", {"slug": "term"}, "post", _CURATES),
    ("needs:create", {}, "post", only(OK, "editor", "territory_admin", "coordinator", "platform_admin")),
    ("needs:edit", {"pk": "need"}, "post", {**everyone(404), "anonymous": LOGIN, **_managers(OK)}),
    ("network:edit", {"slug": "network"}, "post", _CURATES),
    ("network:alliance_create", {"slug": "network"}, "post", _CURATES),
    ("network:coordination", {"slug": "network"}, "post", _CURATES),
    ("events:create", {"slug": "network"}, "post", _CURATES),
    ("events:edit", {"slug": "network", "pk": "event"}, "post", _CURATES),
    ("events:partnership_create", {"slug": "network"}, "post", _CURATES),
    (
        "funding_gaps:recommendation_edit",
        {"slug": "network", "grouping": "handlungsfeld", "key": "verwaltung"},
        "post",
        only(REDIRECT, "coordinator", "platform_admin"),
    ),
    ("territories:alliance_edit", {"code": "alliance"}, "post", _CURATES),
    ("opendata:create", {"code": "jena"}, "post", _EDITS_JENA),
    ("opendata:edit", {"pk": "open_dataset"}, "post", _EDITS_JENA),
    ("opendata:import", {"code": "jena"}, "post", _EDITS_JENA),
    ("projects:create", {}, "post", _EDITS_JENA),
    (
        "projects:edit",
        {"pk": "project"},
        "post",
        only(OK, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    ("projects:import", {}, "post", _CURATES),
    # An empty body carries no revision: the page answers with the conflict note, nothing is written.
    (
        "projects:reuse_edit",
        {"pk": "project"},
        "post",
        only(OK, "editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    ("projects:contact", {"pk": "project"}, "post", _signed_in(OK)),
    ("toolkit:guide_create", {}, "post", _CURATES),
    ("toolkit:guide_edit", {"slug": "guide"}, "post", _CURATES),
    ("toolkit:recommendation_create", {}, "post", _CURATES),
    ("toolkit:recommendation_edit", {"slug": "recommendation"}, "post", _CURATES),
    ("toolkit:stocktake", {"code": "jena", "step": "projekte"}, "post", _EDITS_JENA),
    ("toolkit:stocktake_entry", {"code": "jena", "entry_id": "stocktake_entry"}, "post", _EDITS_JENA),
    ("dataset-list", {}, "post", _API_WRITE_WITHOUT_KEY),
    ("dataset-detail", {"pk": "open_dataset"}, "put", _API_WRITE_WITHOUT_KEY),
    ("dataset-detail", {"pk": "open_dataset"}, "patch", _API_WRITE_WITHOUT_KEY),
]
# Notifications (issue 25): each person's own inbox and settings; the unsubscribe link needs no session (its token
# decides; a forged one is refused for everybody); watching needs an account.
_OWN_NOTIFICATION = {**everyone(404), "anonymous": LOGIN, "editor": REDIRECT}
CASES += [
    ("notifications:inbox", {}, "get", _signed_in(OK)),
    ("notifications:badge", {}, "get", everyone(OK)),
    ("notifications:settings", {}, "get", _signed_in(OK)),
    ("notifications:settings", {}, "post", _signed_in(OK)),
    ("notifications:mark_all_read", {}, "post", _signed_in(REDIRECT)),
    ("notifications:mark_read", {"pk": "notification"}, "post", _OWN_NOTIFICATION),
    ("notifications:unsubscribe", {"token": "gefaelscht"}, "get", everyone(400)),
    ("notifications:unsubscribe", {"token": "gefaelscht"}, "post", everyone(400)),
    ("notifications:watch", {"model": "funding.fundingprogramme", "pk": "programme"}, "post", _signed_in(REDIRECT)),
    ("notifications:watch", {"model": "funding.fundingprogramme", "pk": "programme"}, "get", _signed_in(OK)),
    (
        "notifications:watch",
        {"model": "accounts.user", "pk": "programme"},
        "post",
        {**everyone(404), "anonymous": LOGIN},
    ),
]
COVERED = {case[0] for case in CASES}
NOT_WALKED = {"set_language"}  # a POST-only Django view without permissions


def _names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_url_is_covered():
    assert set(_names(get_resolver())) - COVERED - NOT_WALKED == set()


WRITE_METHODS = ("post", "put", "patch", "delete")


def _callbacks(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _callbacks(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, pattern.callback


def _writes_by_its_code(callback) -> bool:
    """The view's code says it takes writes: a REST action, a class-based view's post/put/…, or a function
    view that is POST-only or reads the request body."""
    import inspect
    import re

    if hasattr(callback, "actions"):  # a DRF viewset: the methods bound for this route
        return bool(set(callback.actions) & set(WRITE_METHODS))
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is not None:
        return any(hasattr(view_class, method) for method in WRITE_METHODS)
    try:
        source = inspect.getsource(inspect.unwrap(callback))
    except (OSError, TypeError):
        return False
    return bool(re.search(r"request\.(POST|FILES)|require_POST|\"POST\"", source))


def _writes_when_asked(client, admin, url) -> bool:
    """POST as platform admin (who passes every rule), rolled back: not refused as a method (405) and the
    view read the body (request.POST/FILES), directly or through a helper such as core.editing.save_edit.
    A plain-text body: middleware that looks at form bodies (core.middleware.RefuseNulMiddleware) leaves it alone."""
    client.force_login(admin)
    with transaction.atomic():
        response = client.post(url, "", content_type="text/plain")
        transaction.set_rollback(True)
    request = response.wsgi_request
    return response.status_code != 405 and ("_post" in request.__dict__ or "_files" in request.__dict__)


def test_every_write_path_has_a_write_row(db, client, one_of_everything, stored_files):
    """A URL whose view takes POST (or PUT/PATCH/DELETE) needs a row with that method: every role's answer to
    a write is asserted, not only to reading the page. Found from the code and by asking each URL."""
    users, objects = one_of_everything
    client.raise_request_exception = False
    first_kwargs = {}
    for name, kwargs, _method, _expected in CASES:
        first_kwargs.setdefault(name, kwargs)
    written = {case[0] for case in CASES if case[2] in WRITE_METHODS}
    missing = set()
    for name, callback in _callbacks(get_resolver()):
        if name in NOT_WALKED or name in written or name not in first_kwargs:
            continue
        url = reverse(name, kwargs=_resolve_kwargs(first_kwargs[name], objects))
        if _writes_by_its_code(callback) or _writes_when_asked(client, users["platform_admin"], url):
            missing.add(name)
    assert not missing, "no write row for: " + ", ".join(sorted(missing))


@pytest.fixture(scope="module")
def one_of_everything(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction that is rolled back at the end; each test runs in a
    savepoint within it (pytest-django's `db`), so what a test writes is gone before the next one."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _build_world():
    jena = Territory.objects.get(ags="16053000")
    admin = UserFactory(is_superuser=True, is_staff=True)
    network = network_services.create_network(name="Testnetz Thüringen", slug="testnetz", by=admin)
    network_services.add_member(network, jena, by=admin)
    alliance = network_services.create_alliance_in_network(
        network,
        by=admin,
        name="Testverbund",
        alliance_type="ile",
        members=[Territory.objects.get(ags="16068014"), Territory.objects.get(ags="16068053")],
    )
    users = {
        "anonymous": None,
        "unrelated": UserFactory(),
        "editor": UserFactory(),
        "territory_admin": UserFactory(),
        "coordinator": UserFactory(),
        "platform_admin": admin,
    }
    editor_role = territory_roles.grant_territory_role(
        user=users["editor"], territory=jena, role=TerritoryRoleKind.EDITOR
    )
    territory_roles.grant_territory_role(user=users["territory_admin"], territory=jena, role=TerritoryRoleKind.ADMIN)
    network_roles.grant_network_role(user=users["coordinator"], network=network)
    objects = {
        "project": _project(jena, admin, publish=True),
        "draft": _project(jena, admin, publish=False),
        "other_project": _project(Territory.objects.get(ags="09162000"), admin, publish=True),
        "jena": jena,
        "attachment": _attachment(admin),
        "ilm_kreis": Territory.objects.get(ars="16070"),
        "alliance": alliance,
        "network": network,
        "editor_role": editor_role,
    }
    objects.update(_assessments(jena, admin))
    from smartregion.funding.models import FundingProgramme

    objects["programme"] = FundingProgramme.objects.create(
        code="FP-001", name="Testprogramm", level="Bund", applicants=["Gemeinde"]
    )
    from smartregion.offerings.models import Offering

    offering = Offering.objects.create(
        code="ANG-001", name="Testangebot", level="Bund", kind="Beratung", target_groups=["Gemeinde"]
    )
    objects["offering"] = offering
    objects.update(_actors_and_needs(jena, admin, objects["assessment"]))
    from smartregion.glossary.models import Term

    objects.update(_agendas(jena, admin))
    objects["term"] = Term.objects.create(
        slug="lorawan", term_de="LoRaWAN", term_en="LoRaWAN", definition_de="Funk", definition_en="Radio"
    )
    objects.update(_toolkit(jena, admin))
    objects.update(_events(network, jena, admin))
    objects.update(_datasets(jena, admin))
    objects["api_token"] = api_tokens.create_api_token(user=users["editor"], name="GIS", territories=[jena])[0]
    objects.update(_access_requests(jena, alliance, users["unrelated"]))
    objects["job"] = _job(objects["agenda_draft"], users["editor"])
    from smartregion.core.models import AccessibilityFeedback

    objects["accessibility_feedback"] = AccessibilityFeedback.objects.create(
        email="leserin@example.org", message="Die Karte ist ohne Maus nicht bedienbar."
    )
    from smartregion.notifications.services import notify

    objects["notification"] = notify(
        users["editor"], "moderation", None, {"hidden": True, "reason": "Test", "consultation": "Test", "excerpt": "x"}
    )
    return users, objects


def _job(agenda, owner):
    """The editor's finished council PDF of the draft agenda (smartregion.jobs): hers only."""
    from smartregion.jobs import registry, services
    from smartregion.jobs.enums import JobState

    job = services.create_job(kind=registry.get("agenda-pdf"), obj=agenda, by=owner)
    job.result.name = f"jobs/{job.pk}/konzept.pdf"
    job.file_name, job.content_type, job.state = "konzept.pdf", "application/pdf", JobState.DONE
    job.save()
    return job


def _access_requests(jena, alliance, requester):
    from smartregion.territories import access_requests

    def ask(territory):
        return access_requests.request_access(
            territory=territory, requester=requester, role="editor", message="Bürgeramt", base_url="http://testserver/"
        )

    return {"access_request": ask(jena), "access_request_no_admins": ask(alliance)}


def _agendas(jena, admin):
    from datetime import date, timedelta

    from smartregion.agendas import services as agenda_services
    from smartregion.participation import services as participation_services

    agenda = agenda_services.create_agenda(territory=jena, title="Agenda", start_year=2026, target_year=2030, by=admin)
    draft = agenda_services.create_agenda(territory=jena, title="Entwurf", start_year=2027, target_year=2031, by=admin)
    goal = agenda_services.add_goal(agenda, by=admin, title="Ziel", target_year=2030)
    measure = agenda_services.add_measure(
        agenda, by=admin, title="Maßnahme", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    concept = agenda_services.add_concept(agenda, by=admin, kind="klimaschutz", title="Klima", summary="Kurz")
    draft_concept = agenda_services.add_concept(draft, by=admin, kind="mobilitaet", title="Verkehr", summary="Kurz")
    draft_concept.document.save("konzept.pdf", ContentFile(b"%PDF-1.4\n"))
    actor = agenda_services.add_actor(agenda, by=admin, name="Stadtwerke", sector="wirtschaft", role="Betrieb")
    today = date.today()
    agenda_services.open_consultation(
        agenda, starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=9), by=admin
    )
    idea = participation_services.propose_idea(agenda.consultation, title="Idee", text="Text", by=admin)
    comment = participation_services.add_comment(
        agenda.consultation, part_key="vision", part_label="Vision", text="Kommentar", by=admin
    )
    # A report waits in the moderation queue (its forms are on the page).
    participation_services.flag_contribution(comment, reason="werbung", note="Gewinnspiel", by=UserFactory())
    return {
        "agenda": agenda,
        "agenda_draft": draft,
        "agenda_goal": goal,
        "agenda_measure": measure,
        "agenda_concept": concept,
        "agenda_draft_concept": draft_concept,
        "agenda_actor": actor,
        "agenda_idea": idea,
        "agenda_comment": comment,
    }


def _actors_and_needs(jena, admin, assessment):
    from smartregion.actors import services as actor_services
    from smartregion.needs import services as need_services
    from smartregion.needs.models import Need
    from smartregion.taxonomy.models import Domain

    actor = actor_services.create_actor(by=admin, name="Erika Beispiel", sector="wissenschaft")
    public_need = need_services.create_need(
        territory=jena, by=admin, title="Öffentlicher Bedarf", is_public=True, domains=[Domain.objects.first()]
    )
    return {
        "actor": actor,
        "need": Need.objects.get(origin_ref=f"assessment:{assessment.pk}", origin_key__endswith=":strategie"),
        "public_need": public_need,
        "gap_cell": assessment.answers.first().cell,
    }


def _assessments(jena, admin):
    from smartregion.assessments import services as assessment_services

    assessment = assessment_services.start_assessment(territory=jena, cycle=2025, by=admin)
    assessment.answers.update(current_level=2, target_level=3)
    assessment = assessment_services.submit_assessment(assessment=assessment, by=admin)
    draft = assessment_services.start_assessment(territory=jena, cycle=2026, by=admin)
    reviewer = UserFactory(is_expert=True)
    review = assessment_services.invite_reviewer(assessment=assessment, reviewer=reviewer, by=admin)
    return {
        "assessment": assessment,
        "draft_assessment": draft,
        "cell": draft.answers.first().cell,
        "answer": assessment.answers.first(),
        "review": review,
    }


def _project(territory, by, *, publish):
    from smartregion.projects import services as project_services
    from smartregion.taxonomy.models import Domain

    project = project_services.create_project(
        by=by,
        lead_territory=territory,
        title=f"Testprojekt {territory.short_name}",
        summary="Zum Testen.",
        primary_domain=Domain.objects.first(),
    )
    return project_services.publish_project(project, by=by) if publish else project


def _attachment(by):
    from django.core.files.base import ContentFile

    from smartregion.projects.models import Project, ProjectAttachment

    project = Project.objects.filter(title="Testprojekt Jena", publication="published").first()
    attachment = ProjectAttachment(
        project=project, kind="document", title="Plan", content_type="application/pdf", size=9
    )
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return attachment


def _datasets(jena, admin):
    from smartregion.opendata import services as opendata_services

    common = {"territory": jena, "by": admin, "description": "d", "publisher": "Amt", "theme": "TRAN"}
    return {
        "open_dataset": opendata_services.create_dataset(title="Fahrplan", access="open", **common),
        "internal_dataset": opendata_services.create_dataset(title="Leitungen", access="internal", **common),
    }


def _events(network, jena, admin):
    from datetime import timedelta

    from django.utils import timezone

    from smartregion.events import services as events
    from smartregion.taxonomy.models import Domain

    start = timezone.now() + timedelta(days=30)
    workshop = events.create_event(
        network=network, by=admin, kind="workshop", title="Workshop", host=jena, starts_at=start,
        ends_at=start + timedelta(hours=3), place="Rathaus", audience="oeffentlich",
    )  # fmt: skip
    internal = events.create_event(
        network=network, by=admin, kind="netzwerktreffen", title="Internes Treffen", host=jena, starts_at=start,
        ends_at=start + timedelta(hours=3), place="Rathaus", audience="netzwerk", same_day_confirmed=True,
    )  # fmt: skip
    card = events.add_card(workshop, territory=jena, domain=Domain.objects.first(), text="Bedarf", by=admin)
    partnership = events.create_partnership(
        partners=[jena, Territory.objects.get(ags="16068014")], by=admin, topic="Rechenzentrum", starts_on=start.date()
    )
    partnership.agreement.save("vereinbarung.pdf", ContentFile(b"%PDF-1.4\n"))
    follow_up = events.add_follow_up(
        workshop, by=admin, title="Daten liefern", owner_territory=jena, due_on=start.date() + timedelta(days=30)
    )
    walk_in = events.add_walk_in(workshop, name="Gast ohne Anmeldung", by=admin)
    return {
        "event": workshop,
        "internal_event": internal,
        "card": card,
        "partnership": partnership,
        "follow_up": follow_up,
        "walk_in": walk_in,
    }


def _toolkit(jena, admin):
    from datetime import date

    from smartregion.core.attachments import check_document
    from smartregion.toolkit import services as toolkit_services
    from smartregion.toolkit.stocktake import template_bytes

    values = {
        "title": "Leitfaden", "kind": "leitfaden", "summary": "S", "body": "B", "authors": "A",
        "as_of": date(2026, 1, 1), "review_due": date(2027, 1, 1),
    }  # fmt: skip
    guide = toolkit_services.create_guide(by=admin, slug="leitfaden", published=True, **values)
    draft = toolkit_services.create_guide(by=admin, slug="entwurf", published=False, **values)
    attachment = toolkit_services.add_attachment(
        guide, kind="document", title="Vorlage", checked=check_document(template_bytes(), "v.xlsx"), by=admin
    )
    recommendation = toolkit_services.create_recommendation(by=admin, slug="empfehlung", title="E", why="w", how="h")
    stocktake = toolkit_services.stocktake_for(jena, by=admin)
    entry = toolkit_services.add_entry(stocktake, kind="actor", title="IHK", data={"role": "Partner"}, by=admin)
    return {
        "guide": guide,
        "draft_guide": draft,
        "guide_attachment": attachment,
        "recommendation": recommendation,
        "stocktake_entry": entry,
    }


def _resolve_kwargs(kwargs, objects):
    resolved = {}
    for key, value in kwargs.items():
        obj = (
            objects.get(value)
            if key
            in {
                "code",
                "slug",
                "pk",
                "role_id",
                "territory_id",
                "attachment_id",
                "cell_id",
                "assessment_pk",
                "cell_pk",
                "concept_pk",
                "actor_pk",
                "goal_pk",
                "part_pk",
                "measure_pk",
                "idea_pk",
                "comment_pk",
                "entry_id",
                "card_id",
                "walk_in_id",
                "object_id",
            }
            else None
        )
        if obj is None:
            resolved[key] = value
        elif key == "code":
            resolved[key] = obj.code
        elif key == "slug":
            resolved[key] = obj.slug
        else:
            resolved[key] = obj.pk
    return resolved


POST_DATA = {
    "events:host_decline": {"territory": "jena", "until": "2027-12-31"},
    "territories:team": {"email": "neu@kommune.example", "role": "editor"},
    "network:add_member": {"key": "16052000"},
    "events:walk_in": {"name": "Gast ohne Anmeldung"},
    "projects:adopt": {"territory": "jena"},
    "assessments:start": {"cycle": "2027"},
    "assessments:visibility": {"visibility": "networks"},
    "assessments:invite": {"email": "niemand@kommune.example"},
    "matches": {"need": "need"},
    "agendas:progress": {"reported_on": "2026-08-01", "status": "laeuft", "progress": "30"},
    "agendas:moderate": {"kind": "comment", "contribution": "agenda_comment", "reason": "Werbung"},
    "agendas:flag": {"kind": "comment", "contribution": "agenda_comment", "reason": "werbung"},
    "agendas:reply": {"text": "Eine Antwort"},
    "agendas:dismiss_flags": {"kind": "comment", "contribution": "agenda_comment"},
    "agendas:handle_idea": {"idea": "agenda_idea", "handling": "uebernommen", "note": "in M1"},
    "funding_gaps:recommendation_edit": {"text": "Ein Landesprogramm fehlt.", "revision": "0"},
}


@pytest.fixture
def stored_files(one_of_everything, settings, without_nightly_files):
    """Media files live in each test's own folder (conftest) or the worker's folder of the S3 bucket: put the
    world's uploads there, under their stored names. No file the nightly tasks write is there (the walk expects
    their addresses before the first run)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db.models import FileField

    for obj in one_of_everything[1].values():
        for field in getattr(getattr(obj, "_meta", None), "fields", []):
            stored = getattr(obj, field.name) if isinstance(field, FileField) else None
            if stored and not default_storage.exists(stored.name):
                assert default_storage.save(stored.name, ContentFile(b"%PDF-1.4\n")) == stored.name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "kwargs", "method", "expected"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_role_gets_expected_answer(db, client, one_of_everything, stored_files, role, name, kwargs, method, expected):
    users, objects = one_of_everything
    if users[role] is not None:
        client.force_login(users[role])
    url = reverse(name, kwargs=_resolve_kwargs(kwargs, objects))
    data = {key: objects[value].pk if value in objects else value for key, value in POST_DATA.get(name, {}).items()}
    if method in ("put", "patch", "delete"):
        response = getattr(client, method)(url, data, content_type="application/json")
    else:
        response = getattr(client, method)(url, data)
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == want, f"{role} {method.upper()} {url}"
