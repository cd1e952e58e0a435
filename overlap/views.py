"""The thesaurus page for WEWIS: /afstemming/thesaurus/ (coordinators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actieplan.permissions import perms_for
from overlap import services
from overlap.forms import SynonymSetForm
from overlap.models import SynonymSet


def _require_coordinator(request):
    if not perms_for(request.user).can_align:
        raise PermissionDenied(_("Alleen WEWIS-coördinatoren beheren de thesaurus."))


@login_required
@require_http_methods(["GET", "POST"])
def thesaurus(request):
    _require_coordinator(request)
    editing = None
    if request.method == "POST":
        editing = get_object_or_404(SynonymSet, pk=request.POST["set"]) if request.POST.get("set", "").isdigit() \
            else None
        form = SynonymSetForm(request.POST, instance=editing, prefix="set")
        if form.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.updated_by = request.user
                saved.save()
                services.thesaurus_saved()
            messages.success(request, _("De synoniemenset is bewaard. De overlapsuggesties worden herberekend."))
            return redirect("overlap_thesaurus")
        status = 400
    else:
        pk = request.GET.get("bewerk", "")
        editing = get_object_or_404(SynonymSet, pk=pk) if pk.isdigit() else None
        form = SynonymSetForm(instance=editing, prefix="set")
        status = 200
    sets = SynonymSet.objects.select_related("updated_by").order_by("-is_active", "pk")
    return render(request, "overlap/thesaurus.html", {"sets": sets, "form": form, "editing": editing},
                  status=status)


@login_required
@require_POST
def thesaurus_delete(request, pk):
    _require_coordinator(request)
    synonym_set = get_object_or_404(SynonymSet, pk=pk)
    with transaction.atomic():
        synonym_set.delete()
        services.thesaurus_saved()
    messages.success(request, _("De synoniemenset is verwijderd. De overlapsuggesties worden herberekend."))
    return redirect("overlap_thesaurus")
