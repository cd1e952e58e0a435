"""``manage.py anonymise_user <username>``: erase the name and e-mail of a deactivated person
(a GDPR request) while the records of the process keep pointing to the (now anonymous) user."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import user_anonymise


class Command(BaseCommand):
    help = "Anonymise a deactivated user (name, e-mail); actions, comments and decisions stay."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Geen gebruiker ‘{username}’.")
        try:
            user_anonymise(user=user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"‘{username}’ is geanonimiseerd als ‘{user.username}’.")
