from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from actieplan.permissions import perms_for
from reporting.models import ProgressReport, ReportStatus


def reports_visible_to(user) -> QuerySet[ProgressReport]:
    """Coordinators: every report; cabinets: the approved ones; others: none (the views answer 403)."""
    perms = perms_for(user)
    queryset = ProgressReport.objects.select_related("period", "created_by", "approved_by")
    if perms.can_manage_progress_reports:
        return queryset
    if perms.can_view_progress_reports:
        return queryset.filter(status=ReportStatus.APPROVED)
    raise PermissionDenied(_("Voortgangsrapporten zijn er voor de coördinatoren en de kabinetten."))
