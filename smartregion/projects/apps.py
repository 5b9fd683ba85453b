from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "smartregion.projects"
    verbose_name = _("Projektkatalog")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register
        from smartregion.jobs import registry as job_kinds
        from smartregion.notifications import daily

        from .importer import import_projects
        from .reminders import stale_projects
        from .sections import easy_read_catalog, network_duplicates_link, territory_projects

        register("territory", territory_projects)
        register("easy_read", easy_read_catalog)
        register("network_actions", network_duplicates_link)
        history.register("projects.Project", "projects.view_project_history")
        daily.register(stale_projects)
        job_kinds.register(
            job_kinds.platform_import(
                "projects-import",
                _("Projekte importieren"),
                permission="projects.import_projects",
                importer=import_projects,
                page="projects:import",
            )
        )

    def rebuild_search_index(self):
        """Called by `import_all` after a restore: the full-text index is not part of the backup."""
        from .fulltext import rebuild_index

        return rebuild_index()
