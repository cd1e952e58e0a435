"""Hostile text in every user text field of a world that was built through the services.

``plant()`` appends ``PLANT`` (markup, quotes and a right-to-left override) to every
free-text column of the application's models (and the names of its users), directly in
the database, so each page, export and e-mail that shows user text shows it. Fields are
found from the models, so a new text field is covered without a change here.

Checks on a rendered page:
* ``raw_markup(html)``: the planted markup reached the page unescaped (it must not);
* ``unisolated(html)``: text nodes with planted text inside a list or table that are not
  inside ``<bdi>`` (isolation from the right-to-left override).
"""

from __future__ import annotations

from html.parser import HTMLParser

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, models, transaction

RLO = "\u202e"
MARKUP = '<i x="1">'
PLANT = f"{RLO}{MARKUP}&'"  # 13 characters: fits the short fields too
APPS = ("actieplan", "monitoring", "werkgroepen", "inventory", "governance")
# Text columns that are not free text a user writes: identifiers, keys, machine-made values.
NOT_USER_TEXT = {"code", "code_prefix", "slug", "key_hash", "prefix", "fingerprint", "period", "item_type", "url",
                 "term", "filename", "last_error", "username", "password", "email"}


def text_fields(model) -> list[str]:
    names = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        if isinstance(field, (models.SlugField, models.EmailField, models.URLField, models.UUIDField)):
            continue
        if field.name in NOT_USER_TEXT or field.primary_key:
            continue
        if field.max_length is not None and field.max_length < len(PLANT) + 1:
            continue
        names.append(field.name)
    return names


def planted_models():
    user_model = get_user_model()
    for model in apps.get_models():
        if model._meta.app_label in APPS and not model._meta.proxy and model._meta.managed:
            if model.__name__.startswith("Historical"):
                continue
            yield model
    yield user_model


def plant() -> dict[str, list[str]]:
    """Append ``PLANT`` to every user text column of every row; returns ``{model: [fields]}`` planted."""
    planted = {}
    for model in planted_models():
        fields = ["first_name", "last_name"] if model is get_user_model() else text_fields(model)
        done = []
        for name in fields:
            max_length = model._meta.get_field(name).max_length
            for pk, value in model.objects.values_list("pk", name):
                value = value or ""
                if max_length:
                    value = value[: max_length - len(PLANT)]
                try:
                    with transaction.atomic():
                        model.objects.filter(pk=pk).update(**{name: value + PLANT})
                except IntegrityError:  # a unique column with equal prefixes: leave that row
                    continue
            done.append(name)
        if done:
            planted[model.__name__] = done
    cache.clear()  # cached pages and counts were computed before the planting
    return planted


def without_isolation(html: str) -> str:
    """The page as a reader sees its sentences: without the ``<bdi>`` tags and FSI/PDI marks that isolate user text."""
    return html.replace("<bdi>", "").replace("</bdi>", "").replace("\u2068", "").replace("\u2069", "")


def raw_markup(html: str) -> bool:
    return MARKUP in html


class _Isolation(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SKIP = {"option", "textarea", "title", "script", "style", "select", "svg"}  # svg: its own text model
    LISTS = {"table", "ul", "ol", "dl"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if MARKUP not in data or any(t in self.SKIP for t in self.stack):
            return
        if any(t in self.LISTS for t in self.stack) and "bdi" not in self.stack and not _isolated_in_text(data):
            self.bad.append(f"{'>'.join(self.stack[-4:])}: {data.strip()[:80]!r}")


def _isolated_in_text(data: str) -> bool:
    """Every planted text is inside FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (``common.text.isolate``)."""
    depth, ok = 0, True
    for i, ch in enumerate(data):
        if ch == "\u2068":
            depth += 1
        elif ch == "\u2069":
            depth -= 1
        elif data.startswith(MARKUP, i) and depth <= 0:
            ok = False
    return ok


def unisolated(html: str) -> list[str]:
    parser = _Isolation()
    parser.feed(html)
    return parser.bad
