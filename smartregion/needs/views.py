from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.editing import edit_page
from smartregion.core.sections import sections_for

from . import queries, services
from .filters import NeedFilter
from .forms import NeedForm
from .models import Need

PAGE_SIZE = 25


def need_list(request):
    need_filter = NeedFilter(request.GET, queryset=queries.list_queryset(request.user))
    page = Paginator(need_filter.results, PAGE_SIZE).get_page(request.GET.get("seite"))
    can_add = queries.managed_territories(request.user).exists()
    context = {"form": need_filter.form, "page": page, "needs": page.object_list, "can_add": can_add}
    return render(request, "needs/list.html", context)


def _get_need(request, pk) -> Need:
    try:
        need = queries.detail_queryset().get(pk=pk)
    except Need.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("needs.view_need", need):
        raise Http404  # a non-public need does not exist for outsiders
    return need


def detail(request, pk):
    need = _get_need(request, pk)
    context = {
        "need": need,
        "can_edit": request.user.has_perm("needs.change_need", need),
        "sections": sections_for("need", request, need),
    }
    return render(request, "needs/detail.html", context)


@login_required
def create(request):
    territories = queries.managed_territories(request.user)
    if not territories.exists():
        raise PermissionDenied
    initial = {}
    if request.GET.get("gebiet"):
        initial["territory"] = territories.filter(ars=request.GET["gebiet"]).first()
    form = NeedForm(request.POST or None, territories=territories, initial=initial)
    if request.method == "POST" and form.is_valid():
        territory = form.cleaned_data["territory"]
        if not request.user.has_perm("needs.add_need", territory):
            raise PermissionDenied
        need = services.create_need(territory=territory, by=request.user, **form.values())
        messages.success(request, _("Bedarf gespeichert."))
        return redirect(need)
    return render(request, "needs/form.html", {"form": form, "need": None})


@login_required
def edit(request, pk):
    need = _get_need(request, pk)
    if not request.user.has_perm("needs.change_need", need):
        raise PermissionDenied

    return edit_page(
        request, need, form_class=NeedForm, update=services.update_need, template="needs/form.html", name="need"
    )


@login_required
@require_POST
def delete(request, pk):
    need = _get_need(request, pk)
    if not request.user.has_perm("needs.delete_need", need):
        raise PermissionDenied
    services.delete_need(need, by=request.user)
    messages.success(request, _("Bedarf gelöscht."))
    return redirect("needs:list")
