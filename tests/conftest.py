"""Shared fixtures: reference data and one user per role.

Roles: ``coordinator`` (WEWIS), ``chair`` and ``member`` of ``group``,
``other_member`` (member of ``other_group`` only), ``domain_contact`` (contact for
``domain``), ``cabinet`` (cabinet linked to ``domain``) and anonymous.
"""

import os
import shutil

import pytest

from tests import factories as f

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")



# Data the migrations seed (a data migration's function, run again when a flush removed it).
MIGRATION_SEEDS = [("reporting.migrations.0002_periods", "add_periods"),
                   ("overlap.migrations.0002_seed_thesaurus", "seed")]


def _flushes(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool({"transactional_db", "live_server"} & set(item.fixturenames)
                or (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test with ``transaction=True`` flushes the database when its fixtures are torn down, the data the
    migrations seeded (reporting periods, the thesaurus) included; put that back after the flush, so that
    the next test in the same process (whatever the order, with or without xdist) starts from a migrated
    database."""
    yield
    if nextitem is None or not _flushes(item):
        return  # the last test: the session's teardown has already dropped the test database
    import importlib

    from django.apps import apps
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for module, function in MIGRATION_SEEDS:
            getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (tests reuse primary keys after a rollback), and without
    the thesaurus this process last read (its stamp lives in the cache just cleared)."""
    from django.core.cache import cache

    from overlap import services as overlap_services

    cache.clear()
    overlap_services.thesaurus_changed()
    yield


ROLES = ["anonymous", "coordinator", "chair", "member", "other_member", "domain_contact", "cabinet"]


@pytest.fixture
def barrier(db):
    return f.barrier(name="Mobiliteit", slug="mobiliteit", citizen_wording="Ik raak niet of moeilijk op het werk")


@pytest.fixture
def other_barrier(db):
    return f.barrier(name="Zorgtaken", slug="zorgtaken", citizen_wording="Zorgtaken maken het moeilijk")


@pytest.fixture
def target_group(db):
    return f.target_group(name="Kortgeschoolden 25-64", slug="kortgeschoolden")


@pytest.fixture
def domain(db):
    return f.policy_domain(name="Mobiliteit en Openbare Werken", abbreviation="MOW")


@pytest.fixture
def other_domain(db):
    return f.policy_domain(name="Onderwijs en Vorming", abbreviation="OV")


@pytest.fixture
def group(db, barrier):
    g = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    g.barriers.set([barrier])
    return g


@pytest.fixture
def other_group(db, other_barrier):
    g = f.working_group(name="Werkgroep Zorgtaken", code_prefix="ZORG")
    g.barriers.set([other_barrier])
    return g


@pytest.fixture
def coordinator(db):
    return f.user("coordinator", first_name="Cora", last_name="Coördinator", is_coordinator=True)


@pytest.fixture
def chair(db, group):
    u = f.user("voorzitter", first_name="Vera", last_name="Voorzitter")
    f.membership(u, group, role="chair")
    return u


@pytest.fixture
def member(db, group):
    u = f.user("lid", first_name="Lotte", last_name="Lid")
    f.membership(u, group, role="member")
    return u


@pytest.fixture
def other_member(db, other_group):
    u = f.user("anderlid", first_name="Ann", last_name="Anderlid")
    f.membership(u, other_group, role="member")
    return u


@pytest.fixture
def domain_contact(db, domain):
    return f.user("domeincontact", first_name="Dirk", last_name="Domein", contact_domains=[domain])


@pytest.fixture
def cabinet(db, domain):
    return f.user("kabinet", first_name="Karel", last_name="Kabinet", is_cabinet=True, cabinet_domains=[domain])


@pytest.fixture
def users(coordinator, chair, member, other_member, domain_contact, cabinet):
    return {
        "anonymous": None,
        "coordinator": coordinator,
        "chair": chair,
        "member": member,
        "other_member": other_member,
        "domain_contact": domain_contact,
        "cabinet": cabinet,
    }


@pytest.fixture
def draft_action(db, group, barrier, domain):
    return f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-01")


@pytest.fixture
def submitted_action(db, group, barrier, domain):
    return f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-02", status="submitted")


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


# --------------------------------------------------------------------------- browser
CHROMIUM = "/usr/bin/chromium"


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


def pytest_collection_modifyitems(config, items):
    if chromium_available():
        return
    if os.environ.get("CI") == "true":
        return  # in CI a missing browser must fail loudly, not skip
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium); browser tests skipped")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
