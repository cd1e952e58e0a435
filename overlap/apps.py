from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverlapConfig(AppConfig):
    """Overlap detection that understands meaning (issue 18): embeddings, the thesaurus, hybrid suggestions."""

    name = "overlap"
    verbose_name = _("Overlapdetectie")

    def ready(self):
        from actieplan.alignment import similarity
        from actieplan.signals import action_text_changed
        from overlap import services

        action_text_changed.connect(services.on_action_text_changed, dispatch_uid="overlap.embed_on_save")
        similarity.set_expander(services.expand_text)
