"""Signals of the base app; other apps connect to them in their ``AppConfig.ready()``."""

from django.dispatch import Signal

# Sent by ``werkgroepen.services.user_deactivate`` inside its transaction, after the user is
# saved inactive and their sessions are gone: ``sender`` is the user model, with the keyword
# arguments ``user`` (the deactivated user) and ``by`` (who did it, or None). Receivers end
# whatever else lets the person in (API tokens, ...).
user_deactivated = Signal()
