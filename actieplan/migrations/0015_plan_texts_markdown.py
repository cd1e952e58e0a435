"""Plan texts become Markdown (issue 16): the introductions and the conclusion were stored as sanitised HTML.

Converts the plan's and chapters' texts, and the same texts inside frozen versions (their snapshot and its
unpacked outline), so that every version renders through the one Markdown renderer. Texts without markup
stay as they are. Not reversible in content (Markdown is kept when migrating back).
"""

from django.db import migrations


def _convert_outline(data, from_html):
    if not isinstance(data, dict):
        return data
    plan = data.get("plan")
    if isinstance(plan, dict):
        for key in ("introduction", "conclusion"):
            if isinstance(plan.get(key), str):
                plan[key] = from_html(plan[key])
    for chapter in data.get("chapters") or []:
        if isinstance(chapter, dict) and isinstance(chapter.get("introduction"), str):
            chapter["introduction"] = from_html(chapter["introduction"])
    return data


def to_markdown(apps, schema_editor):
    from common.markdown import from_html

    Plan = apps.get_model("actieplan", "Plan")
    Chapter = apps.get_model("actieplan", "Chapter")
    PlanVersion = apps.get_model("actieplan", "PlanVersion")
    PlanVersionContents = apps.get_model("actieplan", "PlanVersionContents")
    for plan in Plan.objects.all():
        Plan.objects.filter(pk=plan.pk).update(introduction=from_html(plan.introduction),
                                               conclusion=from_html(plan.conclusion))
    for chapter in Chapter.objects.exclude(introduction=""):
        Chapter.objects.filter(pk=chapter.pk).update(introduction=from_html(chapter.introduction))
    for version in PlanVersion.objects.all():
        PlanVersion.objects.filter(pk=version.pk).update(snapshot=_convert_outline(version.snapshot, from_html))
    for contents in PlanVersionContents.objects.all():
        PlanVersionContents.objects.filter(pk=contents.pk).update(outline=_convert_outline(contents.outline, from_html))


class Migration(migrations.Migration):
    dependencies = [("actieplan", "0014_rounds_data")]
    operations = [migrations.RunPython(to_markdown, migrations.RunPython.noop)]
