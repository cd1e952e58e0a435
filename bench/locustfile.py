"""Locust personas of the load test (run by ``bench/loadtest.py``, not on its own).

The runner prepares the people (session cookie, API token, the objects they work on, as
URLs) in the JSON file named by ``LOADTEST_PEOPLE``; this file needs no Django. Personas
in the issue's proportions (weights 10:5:4:1), with think times; about one request in ten
writes. Statistics per request type, including the reads that were the first after a
write (anybody's), go to the JSON file named by ``LOADTEST_OUT`` when the run stops.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import statistics
import time
from collections import defaultdict

from locust import HttpUser, between, events, task

with open(os.environ["LOADTEST_PEOPLE"]) as _people:
    PEOPLE = json.load(_people)
SHARED = PEOPLE["shared"]
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SMALL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

_cycles = {persona: itertools.cycle(people) for persona, people in PEOPLE["people"].items() if people}
_times: dict[str, list[float]] = defaultdict(list)
_after_write: dict[str, list[float]] = defaultdict(list)
_failures: dict[str, int] = defaultdict(int)
_errors: list[str] = []
SUBMITTED: list[dict] = []  # members' drafts waiting for a coordinator
_state = {"dirty": False, "writes": 0, "reads": 0, "started": None}


def percentile(values, pct):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@events.request.add_listener
def _on_request(request_type, name, response_time, response_length, exception=None, context=None, **kwargs):
    if _state["started"] is None:
        _state["started"] = time.monotonic()
    write = request_type in {"POST", "PATCH", "PUT", "DELETE"}
    _times[name].append(response_time)
    if exception is not None:
        _failures[name] += 1
        if len(_errors) < 50:
            _errors.append(f"{request_type} {name}: {exception}")
    if write:
        _state["writes"] += 1
        _state["dirty"] = True
    else:
        _state["reads"] += 1
        if _state["dirty"]:
            _state["dirty"] = False
            _after_write[name].append(response_time)


@events.test_stop.add_listener
def _on_stop(environment, **kwargs):
    elapsed = max(0.001, time.monotonic() - (_state["started"] or time.monotonic()))
    types = []
    for name in sorted(_times):
        values = _times[name]
        faw = _after_write.get(name, [])
        types.append({
            "name": name, "count": len(values), "failures": _failures.get(name, 0),
            "median_ms": statistics.median(values), "p95_ms": percentile(values, 95), "p99_ms": percentile(values, 99),
            "rps": len(values) / elapsed,
            "first_after_write": {"count": len(faw), "median_ms": statistics.median(faw) if faw else 0.0,
                                  "p95_ms": percentile(faw, 95)},
        })
    total = sum(t["count"] for t in types)
    reads = max(1, _state["reads"])
    result = {
        "types": types, "total": total, "failures": sum(_failures.values()), "errors": _errors,
        "write_share": _state["writes"] / max(1, total),
        "first_after_write_share": sum(len(v) for v in _after_write.values()) / reads,
        "rps": total / elapsed, "seconds": elapsed,
    }
    with open(os.environ["LOADTEST_OUT"], "w") as out:
        json.dump(result, out, indent=2)


class Person(HttpUser):
    abstract = True
    persona = ""

    def on_start(self):
        self.me = next(_cycles[self.persona])
        self.client.cookies.set(SHARED["session_cookie"], self.me["session"])
        self.api = {"Authorization": f"Token {self.me['token']}", "Accept": "application/json"}

    def page(self, url, name):
        if url:
            self.client.get(url, name=name)

    def api_get(self, url, name):
        if url:
            self.client.get(url, headers=self.api, name=name)

    def csrf_post(self, page_url, post_url, data, name, ok=(200, 302)):
        """A form post as the browser sends it: the page first, then the form with its token."""
        page = self.client.get(page_url, name=name.replace("post ", "form "))
        match = CSRF_RE.search(page.text or "")
        with self.client.post(post_url, data={**data, "csrfmiddlewaretoken": match.group(1) if match else ""},
                              headers={"Referer": self.host + page_url}, name=name, allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code in ok:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")


class Member(Person):
    """Members and chairs (50 %): the action list, actions, their own draft, comments, submitting."""

    weight = 10
    persona = "member"
    wait_time = between(2, 6)

    @task(12)
    def action_list(self):
        self.page(SHARED["action_list"] + "?status=in_progress", "action_list filtered")

    @task(6)
    def search(self):
        self.page(SHARED["action_list"] + "?search=" + random.choice(["kinderopvang", "werk", "taal", "mobiliteit"]),
                  "action_list search")

    @task(10)
    def open_action(self):
        self.page(self.me["open"]["detail"], "action_detail")

    @task(4)
    def group_dashboard(self):
        self.page(self.me["group_dashboard"], "group_dashboard")

    def draft(self):
        """Their draft as the API shows it, or None while it is submitted (a coordinator sends it back)."""
        current = self.client.get(self.me["draft"]["api"], headers=self.api, name="api_action_detail").json()
        return current if current.get("status") == "draft" else None

    @task(1)
    def edit_draft(self):
        draft, current = self.me["draft"], self.draft()
        if current is None:
            return
        with self.client.patch(draft["api"], json={"version": current["version"],
                                                   "title": f"Ontwerp {random.randint(1, 10**6)}"},
                               headers=self.api, name="PATCH api_action (draft, version)",
                               catch_response=True) as response:
            if response.status_code in (200, 409):  # 409: someone else saved first, as the version field intends
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")

    @task(1)
    def comment(self):
        action = self.me["open"]
        self.csrf_post(action["detail"], action["comment"], {"text": "Graag meer uitleg bij de timing."},
                       "post comment")

    @task(1)
    def submit_and_withdraw(self):
        if not self.me.get("chair"):
            return self.open_action()
        if self.draft() is None:
            return
        with self.client.post(self.me["draft"]["transition"], json={"to": "submitted", "reason": ""},
                              headers=self.api, name="POST transition submit", catch_response=True) as response:
            if response.status_code == 200:
                response.success()
                SUBMITTED.append(self.me["draft"])
            else:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")


class DomainContact(Person):
    """Domain contacts (25 %): assignments, the progress list, status updates with an attachment."""

    weight = 5
    persona = "domain_contact"
    wait_time = between(2, 6)

    @task(4)
    def assignments(self):
        self.page(SHARED["assignment_list"], "assignment_list")

    @task(4)
    def progress(self):
        self.page(self.me["progress"], "progress_list")

    @task(3)
    def domain_dashboard(self):
        self.page(self.me["domain_dashboard"], "domain_dashboard")

    @task(2)
    def status_updates(self):
        self.api_get(SHARED["api_status_updates"], "api_status_updates")

    @task(1)
    def post_status_update(self):
        action = random.choice(self.me["actions"])
        with self.client.post(SHARED["api_status_updates"], headers=self.api, name="POST api_status_update",
                              json={"action": action, "date": time.strftime("%Y-%m-%d"),
                                    "progress_state": "on_track", "percent_complete": random.randint(1, 99),
                                    "done": "Overleg gehouden.", "next_steps": "Verder uitwerken."},
                              catch_response=True) as response:
            if response.status_code == 201:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")


class Coordinator(Person):
    """Coordinators (20 %): dashboards, the alignment board and compare, decisions, plan pages."""

    weight = 4
    persona = "coordinator"
    wait_time = between(3, 8)

    @task(4)
    def dashboard(self):
        self.page(SHARED["dashboard"], "dashboard")

    @task(2)
    def api_dashboard(self):
        self.api_get(SHARED["api_dashboard"], "api_dashboard")

    @task(3)
    def board(self):
        self.page(SHARED["alignment_board"], "alignment_board")

    @task(2)
    def compare(self):
        self.page(SHARED["alignment_compare"], "alignment_compare")

    @task(2)
    def decision_log(self):
        self.page(SHARED["decision_log"], "decision_log")

    @task(3)
    def plan(self):
        self.page(SHARED["plan_detail"], "plan_detail")

    @task(2)
    def decide(self):
        if SUBMITTED:  # a member's draft that was submitted: sent back to the group, so they keep working
            action, to = SUBMITTED.pop(0), "draft"
        elif self.me["decide"]:
            action, to = self.me["decide"].pop(), random.choice(["retained", "rejected"])
        else:
            return self.board()
        with self.client.post(action["transition"], json={"to": to, "reason": "Beslist in de werkgroep."},
                              headers=self.api, name="POST transition decide", catch_response=True) as response:
            if response.status_code in (200, 409):
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")


class Cabinet(Person):
    """Cabinets (5 %): the cabinet report, its API, dashboards."""

    weight = 1
    persona = "cabinet"
    wait_time = between(3, 8)

    @task(3)
    def report(self):
        self.page(SHARED["cabinet_report"], "cabinet_report")

    @task(2)
    def report_api(self):
        self.api_get(SHARED["api_cabinet_report"], "api_cabinet_report")

    @task(2)
    def dashboard(self):
        self.page(SHARED["dashboard"], "dashboard (cabinet)")


for _cls in (Member, DomainContact, Coordinator, Cabinet):  # a persona without people in the data set stays home
    if _cls.persona not in _cycles:
        _cls.abstract = True
if os.environ.get("LOADTEST_SMOKE_MIX"):  # a handful of users: the 5 % persona still gets one
    Cabinet.fixed_count = 1
del _cls
