"""The floor of this stack: a Django view that returns a fixed JSON document.

It passes through the same middleware as every page but does no authentication, no
database query and no rendering. Its size is that of one page of the API's action list
(``BENCH_FLOOR_BYTES``, measured by ``bench/run.py`` before the server starts), so that
the comparison with the action list is about work done, not bytes sent.
"""

import json
import os

from django.http import HttpResponse
from django.views.decorators.http import require_GET


def build_payload(size: int) -> bytes:
    document = {"count": 0, "next": None, "previous": None, "results": [], "padding": ""}
    empty = len(json.dumps(document).encode())
    document["padding"] = "x" * max(0, size - empty)
    return json.dumps(document).encode()


PAYLOAD = build_payload(int(os.environ.get("BENCH_FLOOR_BYTES", "20000")))


@require_GET
def floor(request):
    return HttpResponse(PAYLOAD, content_type="application/json")
