"""Celery tasks of the Excel import: thin wrappers that take a job id and call the importer.

Large files (more than ``importer.LARGE_IMPORT_ROWS`` rows) are validated and written
here; the job's ``status`` and ``progress`` tell the pages how far it is.
"""

from celery import shared_task


@shared_task(name="actieplan.import_tasks.validate_import", ignore_result=True)
def validate_import(job_id: int) -> None:
    from actieplan.exchange import importer

    importer.run_task_safely(job_id, importer.validate_job)


@shared_task(name="actieplan.import_tasks.confirm_import", ignore_result=True)
def confirm_import(job_id: int) -> None:
    from actieplan.exchange import importer

    importer.run_task_safely(job_id, importer.write_job)
