import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("actieplan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The rooms of ``actieplan`` keep their tasks in their own ``tasks`` module. Every task names
# itself (``name=``): django-celery-beat stores task names, so a module move must not rename one.
app.autodiscover_tasks(["actieplan.actions", "actieplan.plan", "actieplan.exchange"])
