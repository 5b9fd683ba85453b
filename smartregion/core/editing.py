"""The POST half of every edit page with optimistic locking, in one place.

An edit form carries the revision it was rendered with. If somebody else saved in between, the
service raises EditConflict: the page is shown again with the person's input kept, the revision
moved on to the stored one and both versions side by side (templates/includes/conflict.html).
A refusal in words from a service (a ValueError subclass) becomes an error at the top of the form.
A form sent back unchanged writes nothing: no new revision, no empty entry in the history (`changed`).
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .concurrency import EditConflict


def changed(form, *formsets) -> bool:
    """Whether the person changed anything the edit page showed (call after is_valid). An unchanged save
    is a success that writes nothing: saving anyway would raise the revision and add a history entry
    without a change."""
    return _form_changed(form) or any(_form_changed(row) for formset in formsets for row in formset)


def _form_changed(form) -> bool:
    return any(not _same_text(form[name]) for name in form.changed_data)


def _same_text(bound_field) -> bool:
    """A browser sends a textarea's line breaks as CRLF: text stored with LF is still the same text."""
    initial, data = bound_field.initial, bound_field.data
    if not isinstance(initial, str) or not isinstance(data, str):
        return False
    return initial.replace("\r\n", "\n").strip() == data.replace("\r\n", "\n").strip()


def _edits_stored_object(form) -> bool:
    instance = getattr(form, "instance", None)
    return instance.pk is not None if instance is not None else bool(form.initial)


def save_edit(request, form, *, save: Callable, rebuild: Callable, refusals: tuple = ()):
    """Returns (saved object or None, form to show, conflict or None). Editing a stored object without a
    change returns the object as it is stored (or True for a form without an instance) and writes nothing."""
    if request.method != "POST" or not form.is_valid():
        return None, form, None
    if _edits_stored_object(form) and not changed(form):
        return getattr(form, "instance", True), form, None
    try:
        return save(form), form, None
    except EditConflict as conflict:
        data = request.POST.copy()
        data["revision"] = conflict.current.revision
        return None, rebuild(data), conflict
    except refusals as refusal:
        form.add_error(None, refusal if isinstance(refusal, ValidationError) else str(refusal))
        return None, form, None


def edit_page(
    request,
    obj,
    *,
    form_class,
    update: Callable,
    template: str,
    name: str,
    form_kwargs: dict | None = None,
    values: Callable | None = None,
    refusals: tuple = (),
    context: Callable | None = None,
):
    """The whole edit page of one stored object (the caller has checked the permission): the form bound to
    the object; on a changed, valid save `update(stored object, expected_revision=…, by=…, **values(form))`
    (`values` defaults to the form's `values()`), a success message and the object's page; otherwise the form
    again, with the conflict when somebody saved in between. `name` is the object's name in the template,
    `context(form)` adds to what the template gets."""
    form_kwargs = form_kwargs or {}
    values = values or (lambda form: form.values())

    def stored():
        return type(obj)._default_manager.get(pk=obj.pk)

    def save(form):
        revision = form.cleaned_data["revision"] or 0
        return update(stored(), expected_revision=revision, by=request.user, **values(form))

    saved, form, conflict = save_edit(
        request,
        form_class(request.POST or None, instance=obj, **form_kwargs),
        save=save,
        rebuild=lambda data: form_class(data, instance=stored(), **form_kwargs),
        refusals=refusals,
    )
    if saved:
        messages.success(request, _("Änderungen gespeichert."))
        return redirect(saved if hasattr(saved, "get_absolute_url") else obj)
    page = {"form": form, name: obj, "conflict": conflict, **(context(form) if context else {})}
    return render(request, template, page)
