"""One Belgian (nl-BE) format for amounts and numbers, used by every page, export and e-mail.

``format_euro(Decimal("450000.50"))`` → ``"€ 450.000,50"``; whole amounts without cents
(``"€ 1.200.000"``); cents are never rounded away. ``format_number`` groups thousands with a
dot and uses a decimal comma (``1.250,5``). Spreadsheet cells keep real numbers instead.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def _to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value, decimals: int | None = None) -> str:
    """``value`` with a dot between thousands and a decimal comma; ``decimals`` fixed, or as needed."""
    number = _to_decimal(value)
    if number is None:
        return ""
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{abs(number):,.{decimals}f}"
    else:
        normal = number.normalize()
        places = max(0, -normal.as_tuple().exponent)
        text = f"{abs(number):,.{places}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("-" if number < 0 else "") + text


def format_euro(value) -> str:
    """An amount in euro: ``€ 1.250,50``; ``€ 1.200.000`` when there are no cents; ``""`` for no value."""
    number = _to_decimal(value)
    if number is None:
        return ""
    cents = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    decimals = 0 if cents == cents.to_integral_value() else 2
    return "€ " + format_number(cents, decimals)
