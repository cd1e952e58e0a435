"""Plain-text helpers for user text inside sentences of the application."""

FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE


def isolate(text) -> str:
    """``text`` isolated from the sentence around it, in plain text (what ``<bdi>`` does in HTML).

    A name with a right-to-left override then no longer turns the rest of the sentence around;
    for messages built as text (problems, e-mails, exceptions) where markup is not possible.
    """
    return f"{FSI}{text}{PDI}"
