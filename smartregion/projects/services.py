"""Writes with behaviour on projects: create, update, publish, adopt (Nachnutzung), delete."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from smartregion.core.concurrency import save_revision
from smartregion.taxonomy.services import keywords_for

from . import fulltext, lineage, news
from .enums import Origin, ProjectStatus, Publication
from .models import Project, ProjectAttachment

# Fields a person edits in the project form (everything but relations and workflow).
EDITABLE_FIELDS = [
    "title",
    "summary",
    "problem",
    "solution",
    "lead_label",
    "status",
    "start_year",
    "end_year",
    "budget_eur",
    "funding_sources",
    "partner_organisations",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_consent",
    "prerequisites",
    "effort",
    "running_costs",
    "operator_model",
    "data_used",
    "interfaces_standards",
    "open_source",
    "licence",
    "repository_url",
    "publiccode_url",
    "website",
    "lessons_learned",
    "is_reusable",
]
# What a re-using municipality takes over from the original.
ADOPTED_FIELDS = [
    "summary",
    "problem",
    "solution",
    "prerequisites",
    "effort",
    "running_costs",
    "operator_model",
    "data_used",
    "interfaces_standards",
    "open_source",
    "licence",
    "repository_url",
    "publiccode_url",
    "is_reusable",
]


def locate(project: Project) -> None:
    """Copy place facts from the lead territory (for facets, maps and peer filters)."""
    territory = project.lead_territory
    if territory is None:
        return
    project.land_id = territory.land_id or (territory.pk if territory.kind == "land" else None)
    project.regbez_id = territory.regbez_id or (territory.pk if territory.kind == "regbez" else None)
    project.kreis_id = territory.kreis_id or (territory.pk if territory.kind == "kreis" else None)
    project.size_class = territory.size_class
    project.urbanisation = territory.urbanisation
    project.latitude = territory.latitude
    project.longitude = territory.longitude


def _set_relations(project: Project, *, domains=None, keywords=None, partners=None) -> None:
    if domains is not None:
        project.domains.set(domains)
    if keywords is not None:
        project.keywords.set(keywords_for(keywords))
    if partners is not None:
        project.partner_territories.set(partners)


@transaction.atomic
def create_project(
    *, by, lead_territory, title: str, summary: str, primary_domain, domains=(), keywords=(), partners=(), **fields
) -> Project:
    project = Project(
        lead_territory=lead_territory,
        title=title,
        summary=summary,
        primary_domain=primary_domain,
        created_by=by,
        **fields,
    )
    locate(project)
    project._history_user = by
    project.save()
    _set_relations(project, domains=list(domains), keywords=list(keywords), partners=list(partners))
    fulltext.index_projects([project])
    news.tell_watchers(project)
    return project


@transaction.atomic
def update_project(
    project: Project,
    *,
    expected_revision: int,
    by,
    primary_domain=None,
    domains=None,
    keywords=None,
    partners=None,
    lead_territory=None,
    **fields,
) -> Project:
    """Save a person's edit; raises EditConflict if somebody saved since `expected_revision`."""
    for name, value in fields.items():
        setattr(project, name, value)
    if primary_domain is not None:
        project.primary_domain = primary_domain
    if lead_territory is not None:
        project.lead_territory = lead_territory
    locate(project)
    project._history_user = by
    save_revision(project, expected_revision=expected_revision, fields=list(fields))
    _set_relations(project, domains=domains, keywords=keywords, partners=partners)
    fulltext.index_projects([project])
    return project


class CopiedTextRefused(ValidationError):
    """Publishing a re-use whose texts are still the original's (lineage.unrewritten names them in `fields`)."""

    def __init__(self, fields: list[str], source_name: str):
        self.fields = fields
        labels = get_text_list([f"„{label}“" for label in lineage.field_labels(fields)], _("und"))
        super().__init__(
            _(
                "Noch nicht veröffentlicht: %(fields)s stehen noch wortgleich im Original%(source)s. Beschreiben "
                "Sie das Vorhaben Ihrer Kommune mit eigenen Worten – Ihren Ort, Ihren Stand, Ihre Gründe – und "
                "veröffentlichen Sie dann."
            )
            % {"fields": labels, "source": f" ({source_name})" if source_name else ""}
        )


def refuse_copied_text(project: Project) -> None:
    """Raise CopiedTextRefused if a text of the project is still its original's (the publish check)."""
    fields = lineage.unrewritten(project)
    if fields:
        source = Project._base_manager.select_related("lead_territory").filter(pk=project.adopted_from_id).first()
        raise CopiedTextRefused(fields, source.lead_name if source else "")


@transaction.atomic
def publish_project(project: Project, *, by) -> Project:
    """Publish; a re-use is refused while its title, summary, problem or solution is still the original's."""
    refuse_copied_text(project)
    project.publication = Publication.PUBLISHED
    project.published_at = project.published_at or timezone.now()
    project._history_user = by
    project._change_reason = "veröffentlicht"
    project.save()
    news.tell_watchers(project)
    return project


@transaction.atomic
def unpublish_project(project: Project, *, by) -> Project:
    project.publication = Publication.DRAFT
    project._history_user = by
    project._change_reason = "zurückgezogen"
    project.save()
    return project


@transaction.atomic
def adopt_project(source: Project, *, territory, by) -> Project:
    """Nachnutzen: a draft in the user's territory, linked to the original as 'adopted from'. It starts with
    the original's texts as a model to rewrite: they are remembered (`copied_texts`), and publishing is
    refused while title, summary, problem or solution still read as the original's."""
    copy = Project(
        title=source.title,
        lead_territory=territory,
        primary_domain=source.primary_domain,
        status=ProjectStatus.PLANNING,
        publication=Publication.DRAFT,
        origin=Origin.ENTERED,
        adopted_from=source,
        copied_texts=lineage.copied_fingerprints(source),
        created_by=by,
        **{name: getattr(source, name) for name in ADOPTED_FIELDS},
    )
    locate(copy)
    copy._history_user = by
    copy._change_reason = f"Nachnutzung von Projekt {source.pk}"
    copy.save()
    copy.domains.set(source.domains.all())
    copy.keywords.set(source.keywords.all())
    fulltext.index_projects([copy])
    return copy


class ReuseLinkRefused(ValidationError):
    """A re-use link that cannot be: not a published project, the project itself, or one that re-uses it."""


@transaction.atomic
def link_reuse(project: Project, *, source: Project | None, expected_revision: int, by) -> Project:
    """Mark `project` as a re-use of `source` (a published project; None removes the link). Refused for the
    project itself and for projects that re-use it, directly or further down (no cycles). Raises
    EditConflict if somebody saved the project since `expected_revision`."""
    if source is not None:
        if source.pk == project.pk:
            raise ReuseLinkRefused(_("Ein Projekt kann nicht sich selbst nachnutzen."))
        if source.is_deleted or not source.is_published:
            raise ReuseLinkRefused(_("Verknüpfen lässt sich nur ein veröffentlichtes Projekt."))
        if source.pk in lineage.descendant_ids(project):
            raise ReuseLinkRefused(
                _("„%(title)s“ nutzt dieses Projekt selbst nach; es kann nicht zugleich sein Original sein.")
                % {"title": source.title}
            )
    project.adopted_from = source
    project._history_user = by
    reason = f"als Nachnutzung von Projekt {source.pk} verknüpft" if source else "Verknüpfung zur Nachnutzung gelöst"
    save_revision(project, expected_revision=expected_revision, fields=["adopted_from"], change_reason=reason)
    return project


@transaction.atomic
def delete_project(project: Project, *, by) -> None:
    project._history_user = by
    project.delete()


@transaction.atomic
def add_attachment(project: Project, *, kind: str, title: str, checked, by) -> "ProjectAttachment":
    """Store an upload that `attachments.check_image` / `check_document` has accepted."""
    attachment = ProjectAttachment(
        project=project, kind=kind, title=title, content_type=checked.content_type, size=checked.size, uploaded_by=by
    )
    attachment.file.save(checked.content.name, checked.content, save=False)
    attachment._history_user = by
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(attachment: "ProjectAttachment", *, by) -> None:
    attachment._history_user = by
    attachment.delete()
