"""Membership changes made by a chair are kept in an audit trail with who did it."""

import pytest
from django.urls import reverse

from werkgroepen.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_adding_and_removing_a_member_is_recorded_with_the_chair(client, chair, group):
    newcomer = f.user("nieuwkomer")
    client.force_login(chair)
    response = client.post(reverse("group_members", args=[group.pk]), {"username": "nieuwkomer", "role": "member"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)

    response = client.post(reverse("membership_delete", args=[group.pk, membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=newcomer).exists()

    trail = list(Membership.history.filter(user=newcomer).order_by("history_date"))
    assert [r.history_type for r in trail] == ["+", "-"]
    assert all(r.history_user == chair for r in trail)
