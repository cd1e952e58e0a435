"""The import rules of the layout (README, "Structuur"), checked by parsing every module's imports.

Each rule names a package, the packages it must not import, and the known exceptions that
are still to be cut (each with the module that imports and the module it imports). A new
import that breaks a rule fails here; an exception that no longer occurs fails too, so the
list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("werkgroepen", "actieplan", "monitoring", "common", "overlap", "inbox", "outbox", "reporting", "accounts", "bench",
        "config", "tests", "inventory", "governance")
PHASES = ("actieplan.alignment", "actieplan.plan", "actieplan.exchange", "actieplan.seed")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    """Every project module → the project modules it imports (also inside functions)."""
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            module = _module_name(path)
            names = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names |= {alias.name for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names |= {_project_module(f"{node.module}.{alias.name}") for alias in node.names}
            found[module] = {n for n in names if n.split(".")[0] in APPS}
    return found


def _project_module(name: str) -> str:
    """The module a dotted name lives in (``actieplan.models.Action`` → ``actieplan.models``)."""
    parts = name.split(".")
    while len(parts) > 1:
        path = ROOT.joinpath(*parts)
        if path.with_suffix(".py").exists() or (path / "__init__.py").exists():
            break
        parts.pop()
    return ".".join(parts)


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _violations(importer: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    out = set()
    for module, names in _imports().items():
        if not _within(module, importer):
            continue
        for name in names:
            if any(_within(name, f) for f in forbidden) and not any(_within(name, a) for a in allowed) \
                    and not _within(name, importer):
                out.add((module, name))
    return out


RULES = {
    # name: (importer, forbidden, allowed, known exceptions still to be cut)
    "werkgroepen imports no other app": (
        "werkgroepen", tuple(a for a in APPS if a not in ("werkgroepen", "config")), (), set(),
    ),
    "common imports no app": (
        "common", tuple(a for a in APPS if a != "common"), (), set(),
    ),
    "alignment does not import plan": ("actieplan.alignment", ("actieplan.plan",), (), set()),
    "the models import no phase": ("actieplan.models", PHASES, (), set()),
    "actions import no phase": ("actieplan.actions", PHASES, (), {
        # the merge transition keeps its API contract; its choices and logic are alignment's
        ("actieplan.actions.serializers", "actieplan.alignment.services"),
        ("actieplan.actions.services", "actieplan.alignment.services"),
        # re-indexing: to move to action_changed/action_transitioned receivers
        ("actieplan.actions.services", "actieplan.alignment.similarity"),
        # the action page shows the alignment panel
        ("actieplan.actions.views", "actieplan.alignment.views"),
    }),
    "monitoring imports actieplan only through models, lifecycle, permissions and selectors": (
        "monitoring", ("actieplan",),
        ("actieplan.models", "actieplan.lifecycle", "actieplan.permissions", "actieplan.actions.selectors",
         "actieplan.plan.selectors", "actieplan.alignment.selectors", "actieplan.signals", "actieplan.api.permissions"),
        {
            ("monitoring.api", "actieplan.actions.serializers"),  # ErrorDetailSerializer (schema of errors)
            ("monitoring.demo", "actieplan.actions.services"),  # demo data edits through the service
            ("monitoring.forms", "actieplan.actions.forms"),  # DateInput widget
        },
    ),
    **{f"{app} does not import the tests": (app, ("tests",), (), set())
       for app in ("werkgroepen", "actieplan", "monitoring", "common", "overlap", "inbox", "outbox", "reporting", "accounts",
                   "inventory", "governance")},
    # governance builds on actieplan and monitoring; they name its meetings only through the StatusChange FK
    "no core app imports governance": (
        "actieplan", ("governance",), (), set(),
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_the_import_rule_holds(rule):
    importer, forbidden, allowed, known = RULES[rule]
    found = set()
    found = _violations(importer, forbidden, allowed)
    assert sorted(found - known) == [], "new imports that break the rule"
    assert sorted(known - found) == [], "exceptions that are gone: take them off the list"
