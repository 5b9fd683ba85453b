"""The import pages' common step: the checked upload becomes an import job (ADR 0026, addendum).

Without a broker (the embedded default) the job runs in the request and the page shows its report at once,
as before the queue; with one, the person goes to the job's page, which shows the same report when a worker
has imported the file. The view checks the permission before; the worker checks it again.
"""

from django.shortcuts import redirect, render

from . import registry, tasks
from .enums import JobState


def import_page(request, template: str, *, kind: str, form, obj=None, options=None, context=None, done=None):
    """Renders `template` with the form and, after a POST, the report (`errors`: row errors, `result`: counts).
    `done(job)` may answer a successful import itself (a redirect with a message)."""
    report = {}
    if request.method == "POST" and form.is_valid():
        job = tasks.start_import(
            kind=registry.get(kind), obj=obj, by=request.user, upload=form.cleaned_data["file"], options=options
        )
        if job.state != JobState.DONE:  # waiting for a worker, or failed: its page says which
            return redirect("jobs:detail", pk=job.pk)
        report = job.report
        if done is not None and "errors" not in report:
            return done(job)
    page = {
        **(context or {}),
        "form": form,
        "errors": report.get("errors", []),
        "result": report if report and "errors" not in report else None,
    }
    return render(request, template, page)
