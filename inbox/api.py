"""API of the inbox: the signed-in person's open tasks and notifications.

``GET  /api/v1/me/tasks/``                       one row per kind of open task: kind, count, oldest date, link
``GET  /api/v1/me/notifications/``               the notifications, newest first (``?unread=true`` for the unread ones)
``POST /api/v1/me/notifications/{id}/read/``     mark one read (only one's own: any other id is a 404)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from actieplan.actions.serializers import ErrorDetailSerializer
from inbox import selectors, services
from monitoring.models import SentReminder

NOT_AUTHENTICATED = OpenApiResponse(ErrorDetailSerializer, description=_("Niet aangemeld."))
NOT_FOUND = OpenApiResponse(ErrorDetailSerializer, description=_("Bestaat niet of is niet voor u."))
BAD_REQUEST = OpenApiResponse(ErrorDetailSerializer, description=_("Ongeldige parameter."))


class TaskSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=selectors.TASK_KIND_CHOICES,
                                   help_text=_("Soort taak; dezelfde soorten als op de startpagina."))
    label = serializers.CharField(help_text=_("Wat er wacht, in het Nederlands (bv. ‘2 concepten om in te dienen’)."))
    count = serializers.IntegerField(min_value=1)
    oldest = serializers.DateField(allow_null=True, help_text=_("Sinds wanneer het oudste wacht."))
    url = serializers.CharField(help_text=_("De pagina met de lijst, van waar elk item afgehandeld wordt."))


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    is_read = serializers.BooleanField()
    open_url = serializers.SerializerMethodField(
        help_text=_("Opent de melding in de toepassing en markeert ze gelezen."))

    class Meta:
        model = SentReminder
        fields = ["id", "kind", "kind_label", "reason", "url", "created_at", "is_read", "open_url"]
        read_only_fields = fields

    def get_open_url(self, obj) -> str:
        from django.urls import reverse

        return reverse("notification_open", args=[obj.pk])


class NotificationReadSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    is_read = serializers.BooleanField()
    unread_count = serializers.IntegerField()


def _flag(value: str | None) -> bool:
    if value in (None, "", "false", "0"):
        return False
    if value in ("true", "1"):
        return True
    raise exceptions.ValidationError({"unread": [_("Gebruik true of false.")]})


class MyTasksView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=_("Mijn open taken"), tags=["me"],
        description=_("Wat op de aangemelde gebruiker wacht, per soort, het oudste eerst (zoals ‘Te doen’ op de "
                      "startpagina)."),
        responses={200: TaskSerializer(many=True), 401: NOT_AUTHENTICATED},
    )
    def get(self, request):
        # Queries: user, permissions; one aggregate per kind of task of the person.
        return Response(TaskSerializer(selectors.tasks_for(request.user), many=True).data)


@extend_schema(
    summary=_("Mijn meldingen"), tags=["me"],
    description=_("Wat de aangemelde gebruiker per e-mail kreeg of krijgt, nieuwste eerst, met of het gelezen is."),
    parameters=[OpenApiParameter("unread", bool, description=_("Alleen de ongelezen meldingen."))],
    responses={200: NotificationSerializer(many=True), 400: BAD_REQUEST, 401: NOT_AUTHENTICATED},
)
class MyNotificationsView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.notifications_for(self.request.user,
                                           unread_only=_flag(self.request.query_params.get("unread")))


class NotificationReadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=_("Melding als gelezen markeren"), tags=["me"], request=None,
        description=_("Alleen een eigen melding; een ander nummer antwoordt 404."),
        responses={200: NotificationReadSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
    def post(self, request, pk):
        reminder = SentReminder.objects.filter(pk=pk, recipient_id=request.user.pk).first()
        if reminder is None:
            raise exceptions.NotFound(_("Deze melding bestaat niet of is niet voor u."))
        services.notification_mark_read(user=request.user, reminder=reminder)
        return Response({"id": reminder.pk, "is_read": True, "unread_count": selectors.unread_count(request.user)})
