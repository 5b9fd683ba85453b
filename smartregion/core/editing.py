"""The POST half of every edit page with optimistic locking, in one place.

An edit form carries the revision it was rendered with. If somebody else saved in between, the
service raises EditConflict: the page is shown again with the person's input kept, the revision
moved on to the stored one and both versions side by side (templates/includes/conflict.html).
A refusal in words from a service (a ValueError subclass) becomes an error at the top of the form.
"""

from collections.abc import Callable

from .concurrency import EditConflict


def save_edit(request, form, *, save: Callable, rebuild: Callable, refusals: tuple = ()):
    """Returns (saved object or None, form to show, conflict or None)."""
    if request.method != "POST" or not form.is_valid():
        return None, form, None
    try:
        return save(form), form, None
    except EditConflict as conflict:
        data = request.POST.copy()
        data["revision"] = conflict.current.revision
        return None, rebuild(data), conflict
    except refusals as refusal:
        form.add_error(None, str(refusal))
        return None, form, None
