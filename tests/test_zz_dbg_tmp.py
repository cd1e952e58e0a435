from datetime import date
import pytest
from django.core import mail
from monitoring import reminders
from tests import factories as f
from tests.reminder_helpers import monitored_action

@pytest.mark.django_db
def test_dbg(domain_contact, domain):
    for n in range(3):
        monitored_action(lead_domain=domain, last_update=date(2026, 6, 1), code=f"CON-M{n:02d}")
    reminders.run(today=date(2026, 9, 2))
    print(repr(mail.outbox[0].body))
