"""Celery tasks of overlap detection: thin wrappers that take ids and call the service."""

from celery import shared_task


@shared_task(name="overlap.tasks.embed_actions_task", ignore_result=True)
def embed_actions_task(action_ids: list[int]) -> None:
    """Embed the actions of a bulk write (an import) after it committed."""
    from overlap import services

    services.embed_actions(action_ids)


@shared_task(name="overlap.tasks.reindex_lexical_task", ignore_result=True)
def reindex_lexical_task() -> None:
    """After a thesaurus change: the lexical index again, in one transaction."""
    from actieplan.alignment import similarity

    similarity.reindex_all()
