"""Exports built in the background: asking for one (export_job_request) and building it
(export_job_run, the Celery task, run by a worker; without a broker, in a thread). A
spreadsheet of more than EXPORT_INLINE_MAX_ROWS ideas is built here so that no request waits
on it; the file goes to the `exports` storage under a random name, for its requester alone
(dashboard/export_apis.py)."""

from __future__ import annotations

import logging
import secrets
import tempfile
import threading
from datetime import timedelta
from functools import partial

from celery import shared_task
from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import IntegrityError, connections, transaction
from django.db.models import Q
from django.utils import timezone, translation

from accounts.models import User
from dashboard import exports
from dashboard.models import ExportJob
from ideas.models import Campaign

logger = logging.getLogger(__name__)
S = ExportJob.Status


def export_storage() -> Storage:
    """Where built exports are kept (settings.STORAGES["exports"])."""
    return storages["exports"]


def export_job_request(
    *, viewer: User, campaign: Campaign, format: str, language: str, site_url: str
) -> ExportJob:
    """The viewer's job for this export: their identical one still pending or running, or done
    less than EXPORT_JOB_REUSE_SECONDS ago; else a new one, handed to a worker after commit.
    Two identical requests at once get the same job (a partial unique constraint referees)."""
    same = ExportJob.objects.filter(
        requested_by=viewer, campaign=campaign, format=format, language=language, site_url=site_url
    )
    now = timezone.now()
    _stale_failed(same, now=now)
    reusable = Q(status__in=ExportJob.ACTIVE_STATUSES) | Q(
        status=S.DONE, finished_at__gte=now - timedelta(seconds=settings.EXPORT_JOB_REUSE_SECONDS)
    )
    found = same.filter(reusable).order_by("-created_at").first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                requested_by=viewer,
                campaign=campaign,
                format=format,
                language=language,
                site_url=site_url,
            )
            transaction.on_commit(partial(_dispatch, job_id=job.pk))
    except IntegrityError:  # an identical request created it a moment ago
        return same.filter(status__in=ExportJob.ACTIVE_STATUSES).get()
    return job


def _stale_failed(jobs, *, now) -> None:
    """Jobs pending or running for longer than EXPORT_JOB_STALE_SECONDS lost their worker: they
    fail, so that the constraint lets a new one start."""
    lost = now - timedelta(seconds=settings.EXPORT_JOB_STALE_SECONDS)
    jobs.filter(status__in=ExportJob.ACTIVE_STATUSES, created_at__lt=lost).update(
        status=S.FAILED, error="lost: no worker finished it in time", finished_at=now
    )


def _dispatch(*, job_id: int) -> None:
    # Without a broker (the embedded default, where Celery runs tasks eagerly) the export is
    # built in a thread of this process, so that the request still answers 202 at once: an
    # eager build of 85,000 ideas held it 8.5 s. A process that dies drops the thread; its
    # job then fails as stale.
    if export_job_run.app.conf.task_always_eager:
        threading.Thread(
            target=_run_here, kwargs={"job_id": job_id}, name=f"export-{job_id}", daemon=True
        ).start()
        return
    # A broker that is down fails the job (its requester sees `failed`), never the request.
    try:
        export_job_run.delay(job_id)
    except Exception as error:
        logger.exception("export job %s could not be queued", job_id)
        ExportJob.objects.filter(pk=job_id, status=S.PENDING).update(
            status=S.FAILED, error=f"not queued: {error}"[:500], finished_at=timezone.now()
        )


def _run_here(*, job_id: int) -> None:
    try:
        export_job_run.apply(args=(job_id,))
    finally:
        connections.close_all()  # this thread's own


@shared_task(name="dashboard.export_job_run", ignore_result=True)
def export_job_run(job_id: int) -> None:
    """Build the job's file once (a second delivery of the task finds it taken and does
    nothing); the job ends `done` with its file and row count, or `failed` with the error."""
    taken = ExportJob.objects.filter(pk=job_id, status=S.PENDING).update(
        status=S.RUNNING, started_at=timezone.now()
    )
    if not taken:
        return
    job = ExportJob.objects.select_related("requested_by", "campaign").get(pk=job_id)
    try:
        file_name, rows = _built(job)
    except Exception as error:
        logger.exception("export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=S.FAILED, error=repr(error)[:500], finished_at=timezone.now()
        )
        return
    ExportJob.objects.filter(pk=job_id).update(
        status=S.DONE, file_name=file_name, row_count=rows, finished_at=timezone.now()
    )
    export_jobs_prune()


def _built(job: ExportJob) -> tuple[str, int]:
    """The job's file, written to a temporary file, then saved under a random name."""
    with translation.override(job.language):
        export = exports.IdeaExport.for_viewer(
            campaign=job.campaign, viewer=job.requested_by, site_url=job.site_url
        )
    with tempfile.TemporaryFile() as target:
        rows = exports.xlsx_write(export, target)
        target.seek(0)
        name = export_storage().save(f"{secrets.token_urlsafe(24)}.{job.format}", File(target))
    return name, rows


def export_jobs_prune() -> int:
    """Forget jobs finished more than EXPORT_JOB_KEEP_SECONDS ago, files and all; return how
    many."""
    before = timezone.now() - timedelta(seconds=settings.EXPORT_JOB_KEEP_SECONDS)
    old = list(ExportJob.objects.filter(finished_at__lt=before).values_list("pk", "file_name"))
    storage = export_storage()
    for _pk, file_name in old:
        if file_name:
            storage.delete(file_name)
    ExportJob.objects.filter(pk__in=[pk for pk, _name in old]).delete()
    return len(old)
