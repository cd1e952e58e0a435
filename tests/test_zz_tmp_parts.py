import time
from tests import matrix_objects
from tests.importing import media_root  # noqa

def test_parts(media_root, users, group, other_group, barrier, other_barrier, domain, other_domain, draft_action, submitted_action):
    o = matrix_objects.build(users=users, group=group, other_group=other_group, barrier=barrier, other_barrier=other_barrier,
        domain=domain, other_domain=other_domain, draft=draft_action, submitted=submitted_action)
    for key in ["link", "plan", "status_update", "job"]:
        t = time.perf_counter(); o[key]; print(key, round(time.perf_counter() - t, 3))
