"""Rewrite imports of the old flat layout to the rooms of issue 14.

    .venv/bin/python scripts/relayout.py            # every .py file of the project
    .venv/bin/python scripts/relayout.py a.py b.py  # only these

For code written against the old layout (``from actieplan import plan_services``,
``from actieplan.exports_lists import Column``, ``"actieplan.services.send_mail"`` in a
monkeypatch): the statement is rewritten to the module's new home, keeping the local
name (``from actieplan.plan import services as plan_services``), so the code below the
imports does not change. Idempotent; files that need nothing are not touched.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Old dotted module → new dotted module (a prefix match: ``actieplan.api.views.X`` follows too).
MOVES = {
    # the core's own room
    "actieplan.services": "actieplan.actions.services",
    "actieplan.selectors": "actieplan.actions.selectors",
    "actieplan.views": "actieplan.actions.views",
    "actieplan.forms": "actieplan.actions.forms",
    "actieplan.filters": "actieplan.actions.filters",
    "actieplan.urls": "actieplan.actions.urls",
    "actieplan.tasks": "actieplan.actions.tasks",
    "actieplan.notifications": "actieplan.actions.notifications",
    "actieplan.api.views": "actieplan.actions.api",
    "actieplan.api.serializers": "actieplan.actions.serializers",
    # alignment
    "actieplan.alignment_services": "actieplan.alignment.services",
    "actieplan.alignment_views": "actieplan.alignment.views",
    "actieplan.urls_alignment": "actieplan.alignment.urls",
    "actieplan.api.alignment": "actieplan.alignment.api",
    "actieplan.similarity": "actieplan.alignment.similarity",
    "actieplan.similarity_hybrid": "actieplan.alignment.similarity_hybrid",
    "actieplan.embeddings": "actieplan.alignment.embeddings",
    "actieplan.thesaurus": "actieplan.alignment.thesaurus",
    # plan
    "actieplan.plan_services": "actieplan.plan.services",
    "actieplan.plan_selectors": "actieplan.plan.selectors",
    "actieplan.plan_forms": "actieplan.plan.forms",
    "actieplan.plan_views": "actieplan.plan.views",
    "actieplan.plan_tasks": "actieplan.plan.tasks",
    "actieplan.urls_plan": "actieplan.plan.urls",
    "actieplan.api.plan": "actieplan.plan.api",
    "actieplan.exports": "actieplan.plan.exports",
    # exchange
    "actieplan.importer": "actieplan.exchange.importer",
    "actieplan.import_tasks": "actieplan.exchange.tasks",
    "actieplan.exchange_views": "actieplan.exchange.views",
    "actieplan.urls_exchange": "actieplan.exchange.urls",
    "actieplan.api.exchange": "actieplan.exchange.api",
    # seed
    "actieplan.reference_data": "actieplan.seed.reference",
    "actieplan.demo_data": "actieplan.seed.demo",
    "actieplan.demo_alignment": "actieplan.seed.demo_alignment",
    "actieplan.demo_plan": "actieplan.seed.demo_plan",
    # cross-app infrastructure
    "actieplan.exports_lists": "common.exports",
    "actieplan.api.caching": "common.api.caching",
    "actieplan.api.pagination": "common.api.pagination",
    "actieplan.api.throttling": "common.api.throttling",
    "config.datacache": "common.datacache",
    # monitoring's reminders
    "monitoring.reminders": "monitoring.reminders.engine",
    "monitoring.reminder_views": "monitoring.reminders.views",
    "monitoring.reminder_forms": "monitoring.reminders.forms",
    "monitoring.reminder_admin": "monitoring.reminders.admin",
    "monitoring.urls_reminders": "monitoring.reminders.urls",
    "monitoring.schedule": "monitoring.reminders.schedule",
    # scale data
    "actieplan.scale_data": "bench.scale_data",
    "monitoring.scale_data": "bench.scale_monitoring",
}

# Single names that moved to another module than the rest of theirs: (old module, name) → new module.
SYMBOLS = {
    ("actieplan.forms", "add_service_errors"): "common.forms",
    ("actieplan.actions.forms", "add_service_errors"): "common.forms",
    ("actieplan.exports_lists", "ACTION_LIST_COLUMNS"): "actieplan.actions.views",
    ("common.exports", "ACTION_LIST_COLUMNS"): "actieplan.actions.views",
}

# Strings that look like moved paths but are names stored elsewhere (Celery task names).
KEEP_STRINGS = {
    "actieplan.tasks.notify_status_change",
    "actieplan.plan_tasks.notify_signoff_reset",
    "actieplan.import_tasks.validate_import",
    "actieplan.import_tasks.confirm_import",
    "monitoring.tasks.send_reminders",
    "monitoring.tasks.deliver_batch",
}

NEW_MODULES = set(MOVES.values())


def resolve(module: str) -> str:
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in MOVES and not any(module == new or module.startswith(new + ".") for new in NEW_MODULES
                                       if new.startswith(prefix + ".")):
            return MOVES[prefix] + module[len(prefix):]
    return module


def _is_new(module: str) -> bool:
    return any(new == module or new.startswith(module + ".") for new in NEW_MODULES)


def _import_from(node: ast.ImportFrom) -> list[tuple[str, str]] | None:
    """The (module, "name [as local]") pairs the statement becomes, or None when unchanged."""
    module = node.module
    pairs, changed = [], False
    for alias in node.names:
        text = alias.name + (f" as {alias.asname}" if alias.asname else "")
        sym = SYMBOLS.get((module, alias.name)) or SYMBOLS.get((resolve(module), alias.name))
        sub = f"{module}.{alias.name}"
        if sym:
            pairs.append((sym, text))
            changed = True
        elif resolve(sub) != sub and alias.name != "*":
            new_parent, new_last = resolve(sub).rsplit(".", 1)
            local = alias.asname or alias.name
            pairs.append((new_parent, new_last + (f" as {local}" if local != new_last else "")))
            changed = True
        else:
            new = module if _is_new(sub) else resolve(module)
            changed |= new != module
            pairs.append((new, text))
    return pairs if changed else None


def rewrite(source: str) -> str:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    lines = source.splitlines(keepends=True)
    edits = []  # (first line index, last line index, replacement lines)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            pairs = _import_from(node)
            if pairs is None:
                continue
            first, last = node.lineno - 1, node.end_lineno - 1
            indent = re.match(r"\s*", lines[first]).group(0)
            tail = lines[last][node.end_col_offset:].rstrip("\n")
            comment = tail.strip() if tail.strip().startswith("#") else ""
            suffix = ("  " + comment) if comment else ""
            modules = list(dict.fromkeys(m for m, _ in pairs))
            if len(modules) == 1 and all(n == (a.name + (f" as {a.asname}" if a.asname else ""))
                                         for (_, n), a in zip(pairs, node.names)):
                # Only the module changed: keep the statement's layout.
                head = lines[first]
                new_head = re.sub(rf"from\s+{re.escape(node.module)}\s+import",
                                  f"from {modules[0]} import", head, count=1)
                edits.append((first, first, [new_head]))
                continue
            out = []
            for m in modules:
                names = [n for mm, n in pairs if mm == m]
                stmt = f"{indent}from {m} import {', '.join(names)}"
                if len(stmt) + len(suffix) > 118:
                    stmt = f"{indent}from {m} import (\n" + "".join(f"{indent}    {n},\n" for n in names) + f"{indent})"
                out.append(stmt + suffix + "\n")
            edits.append((first, last, out))
        elif isinstance(node, ast.Import):
            new_names = []
            for alias in node.names:
                new = resolve(alias.name)
                new_names.append(new + (f" as {alias.asname}" if alias.asname else ""))
            if any(resolve(a.name) != a.name for a in node.names):
                first = node.lineno - 1
                head = lines[first]
                for alias in node.names:
                    head = re.sub(rf"\b{re.escape(alias.name)}\b", resolve(alias.name), head, count=1)
                edits.append((first, first, [head]))
    for first, last, new in sorted(edits, reverse=True):
        lines[first:last + 1] = new
    source = "".join(lines)
    return _rewrite_strings(source)


def _rewrite_strings(source: str) -> str:
    out = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError):
        return source
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for tok in tokens:
        if tok.type != tokenize.STRING:
            continue
        m = re.fullmatch(r"([rbuRBU]*)(['\"])([\w.]+)\2", tok.string)
        if not m or m.group(3) in KEEP_STRINGS:
            continue
        new = resolve(m.group(3))
        if new != m.group(3):
            start = offsets[tok.start[0] - 1] + tok.start[1]
            end = offsets[tok.end[0] - 1] + tok.end[1]
            out.append((start, end, f"{m.group(1)}{m.group(2)}{new}{m.group(2)}"))
    for start, end, text in sorted(out, reverse=True):
        source = source[:start] + text + source[end:]
    return source


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or [
        p for p in ROOT.rglob("*.py")
        if not any(part in {".venv", "node_modules", ".git"} for part in p.relative_to(ROOT).parts)
        and p.resolve() != Path(__file__).resolve()
    ]
    for path in files:
        text = path.read_text()
        new = rewrite(text)
        if new != text:
            path.write_text(new)
            print(f"rewrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
