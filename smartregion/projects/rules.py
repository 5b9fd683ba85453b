import rules

from smartregion.accounts.rules import (
    is_any_coordinator,
    is_authenticated,
    is_coordinator_of_territory,
    is_platform_admin,
    is_territory_editor,
)

from .enums import Publication


@rules.predicate
def is_published(user, project) -> bool:
    return project is not None and project.publication == Publication.PUBLISHED


@rules.predicate
def edits_lead_territory(user, project) -> bool:
    return (
        project is not None and project.lead_territory is not None and is_territory_editor(user, project.lead_territory)
    )


@rules.predicate
def coordinates_lead_territory(user, project) -> bool:
    return (
        project is not None
        and project.lead_territory is not None
        and is_coordinator_of_territory(user, project.lead_territory)
    )


@rules.predicate
def curates_territory(user, territory) -> bool:
    """The territory's editors and the coordinators of its networks: the people who curate its projects."""
    return territory is not None and (
        is_territory_editor(user, territory) or is_coordinator_of_territory(user, territory)
    )


@rules.predicate
def has_a_territory(user) -> bool:
    return is_authenticated(user) and user.territory_roles.exists()


can_curate = is_platform_admin | edits_lead_territory | coordinates_lead_territory

rules.add_perm("projects.view_project", is_published | can_curate)
rules.add_perm("projects.add_project", is_platform_admin | has_a_territory)
rules.add_perm("projects.change_project", can_curate)
rules.add_perm("projects.publish_project", can_curate)
rules.add_perm("projects.delete_project", can_curate)
rules.add_perm("projects.adopt_project", is_published & has_a_territory)
rules.add_perm("projects.view_project_history", can_curate)
rules.add_perm("projects.import_projects", is_platform_admin | is_any_coordinator)
# The object is a territory: may the user give a project this lead territory (a new project, or an existing one
# moved there)? The same people who may change the project afterwards (`can_curate`). A project named only by
# `lead_label` (None) has nobody but platform admins to curate it, so only they may create one.
rules.add_perm("projects.add_project_for", is_platform_admin | curates_territory)
