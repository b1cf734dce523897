"""The dashboard's one table: exports built in the background (dashboard/tasks.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    """A spreadsheet of a campaign's ideas built by a worker for the person who asked, as they
    may see it; its file lives in the `exports` storage under a random name (`file_name`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        # CSV always streams from the request; only spreadsheets are built here.
        XLSX = "xlsx", "XLSX"

    ACTIVE_STATUSES = (Status.PENDING, Status.RUNNING)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    campaign = models.ForeignKey(
        "ideas.Campaign", on_delete=models.CASCADE, related_name="export_jobs"
    )
    format = models.CharField(max_length=8, choices=Format.choices)
    # What the file depends on besides the data: the header's language and the links' site.
    language = models.CharField(max_length=8)
    site_url = models.CharField(max_length=200)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    file_name = models.CharField(max_length=200, blank=True)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["requested_by", "campaign", "format", "-created_at"],
                name="dashboard_exportjob_request",
            ),
            models.Index(fields=["finished_at"], name="dashboard_exportjob_finished"),
        ]
        constraints = [
            # Two identical requests at once start one build, never two.
            models.UniqueConstraint(
                fields=["requested_by", "campaign", "format", "language", "site_url"],
                condition=Q(status__in=["pending", "running"]),
                name="dashboard_exportjob_one_active_per_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.format} export of campaign {self.campaign_id} ({self.status})"
