"""HTTP for the exports (API.md §Next: exports), for leadership and admins: a campaign's ideas as
CSV (streamed) or XLSX (built in the request up to EXPORT_INLINE_MAX_ROWS ideas, else by a
worker: 202 with a job to poll and download), and the campaign brief as PDF."""

import tempfile

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import RuleConflict
from dashboard import exports, tasks
from dashboard.access import ensure_dashboard_reader
from dashboard.brief import brief_pdf
from dashboard.models import ExportJob
from ideas.models import Campaign

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
MEDIA = {"csv": CSV, "xlsx": XLSX, "pdf": PDF}
MAX_ID = 2**63 - 1


class _FileFormatNegotiation(DefaultContentNegotiation):
    """`format` names the file asked for here, not DRF's renderer (URL_FORMAT_OVERRIDE): the
    body is a file, and errors are JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class _ExportQuerySerializer(serializers.Serializer):
    campaign = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    def validate_campaign(self, value) -> Campaign:
        campaign = Campaign.objects.filter(pk=value).first()
        if campaign is None:
            raise serializers.ValidationError(_("There is no such campaign."))
        return campaign


class IdeaExportQuerySerializer(_ExportQuerySerializer):
    format = serializers.ChoiceField(choices=["csv", "xlsx"])


class BriefExportQuerySerializer(_ExportQuerySerializer):
    format = serializers.ChoiceField(choices=["pdf"])


class ExportJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ExportJob.Status.choices)
    url = serializers.CharField(help_text="this job's status (poll it)")
    download_url = serializers.CharField(allow_null=True, help_text="the file, once done")
    campaign = serializers.IntegerField()
    format = serializers.CharField()
    row_count = serializers.IntegerField(allow_null=True)
    error = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class ExportJobEnvelopeSerializer(serializers.Serializer):
    job = ExportJobSerializer()


def _job_body(request, job: ExportJob) -> dict:
    done = job.status == ExportJob.Status.DONE
    download = reverse("export-job-download", args=[job.pk])
    return {
        "job": {
            "id": job.pk,
            "status": job.status,
            "url": request.build_absolute_uri(reverse("export-job", args=[job.pk])),
            "download_url": request.build_absolute_uri(download) if done else None,
            "campaign": job.campaign_id,
            "format": job.format,
            "row_count": job.row_count,
            # The details are in the log and the table; the requester reads that it failed.
            "error": str(_("The export could not be built."))
            if job.status == ExportJob.Status.FAILED
            else None,
            "created_at": timezone.localtime(job.created_at),
            "finished_at": timezone.localtime(job.finished_at) if job.finished_at else None,
        }
    }


def _file_name(kind: str, campaign_id: int, extension: str, day=None) -> str:
    day = day or timezone.localdate()
    return f"gagasan-{kind}-{campaign_id}-{day.isoformat()}.{extension}"


def _attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


async def _pulled(pieces):
    """Each piece pulled in the request's own thread (its database connection and cursor), so
    that an ASGI server streams too instead of reading the whole body first."""
    done = object()
    pull = sync_to_async(next, thread_sensitive=True)
    try:
        while (piece := await pull(pieces, done)) is not done:
            yield piece
    finally:
        await sync_to_async(pieces.close, thread_sensitive=True)()


def _streamed(request, pieces) -> StreamingHttpResponse:
    asynchronous = isinstance(request._request, ASGIRequest)
    return StreamingHttpResponse(_pulled(pieces) if asynchronous else pieces, content_type=CSV)


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _query(serializer_class, request) -> dict:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


ERRORS = {
    400: OpenApiResponse(description="`campaign` or `format` missing or unknown, each named"),
    401: OpenApiResponse(description="not signed in"),
    403: OpenApiResponse(description="not leadership or admin (`not_leadership`)"),
}
IDEAS_DESCRIPTION = """Leadership and admins: the campaign's ideas, one row each, as CSV
(UTF-8 with a BOM) or XLSX, labelled in the request's language.

Rows: every idea the dashboard counts (all statuses but draft, hidden and merged), most votes
first. Columns: ID, title, status, category, lead agency code and name, co-author agencies,
region, author, co-authors, votes, comments, panel score, combined score (the leaderboard's,
0-100; blank for ideas off the leaderboard), submitted on, link.

Visibility is the API's: panel and combined scores only where the reader may see panel scores;
on an idea the reader reviews blind, author, co-authors and agencies read "Hidden (blind
review)", as on the idea's page. A text cell beginning with `=`, `+`, `-`, `@`, a tab or a
carriage return is prefixed with `'` so that no spreadsheet runs it as a formula.

CSV always streams. An XLSX of more than EXPORT_INLINE_MAX_ROWS ideas (10,000 by default) is
built in the background: 202 with `{"job": ...}` (the same job again while it is pending or
running, or for a few minutes once done); poll `GET /api/exports/jobs/{id}/` (its `url`) until
`status` is `done` (or `failed`), then fetch its `download_url`."""
BRIEF_DESCRIPTION = """Leadership and admins: the campaign's brief as a one- or two-page A4
PDF in the request's language: title, phase and dates, the time it was generated, key figures,
the status funnel and agency participation (ideas per 100 staff, as `GET /api/stats/` computes
them), and the top 10 ideas (by combined score where the reader may see panel scores, else by
votes; without agencies for a reader who reviews the campaign blind)."""


class IdeaExportApi(APIView):
    content_negotiation_class = _FileFormatNegotiation

    @extend_schema(
        parameters=[IdeaExportQuerySerializer],
        responses={
            (200, CSV): OpenApiTypes.BINARY,
            (200, XLSX): OpenApiTypes.BINARY,
            (202, "application/json"): ExportJobEnvelopeSerializer,
            **ERRORS,
        },
        description=IDEAS_DESCRIPTION,
    )
    def get(self, request):
        ensure_dashboard_reader(request.user)
        query = _query(IdeaExportQuerySerializer, request)
        campaign, format = query["campaign"], query["format"]
        export = exports.IdeaExport.for_viewer(
            campaign=campaign, viewer=request.user, site_url=_site_url(request)
        )
        name = _file_name("ideas", campaign.pk, format)
        if format == "csv":
            return _attachment(_streamed(request, exports.csv_chunks(export)), name)
        if export.count() > settings.EXPORT_INLINE_MAX_ROWS:
            return self._in_background(request, campaign)
        target = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, and it is gone)
        exports.xlsx_write(export, target)
        target.seek(0)
        return _attachment(FileResponse(target, content_type=XLSX), name)

    def _in_background(self, request, campaign):
        job = tasks.export_job_request(
            viewer=request.user,
            campaign=campaign,
            format=ExportJob.Format.XLSX,
            language=get_language(),
            site_url=_site_url(request),
        )
        job.refresh_from_db()  # its thread or worker may have taken it already
        return Response(_job_body(request, job), status=202)


def _own_job(request, job_id: int) -> ExportJob:
    """The caller's own job; anyone else's does not exist for them."""
    ensure_dashboard_reader(request.user)
    return get_object_or_404(ExportJob, pk=job_id, requested_by=request.user)


class ExportJobApi(APIView):
    @extend_schema(
        responses={200: ExportJobEnvelopeSerializer, 404: OpenApiResponse(description="not yours")},
        description="An export being built in the background, for the person who asked for it "
        "alone (403 `not_leadership` for staff). `status`: `pending`, `running`, `done` (then "
        "`download_url` is set) or `failed`. Built files are kept for a day.",
    )
    def get(self, request, job_id: int):
        return Response(_job_body(request, _own_job(request, job_id)))


class ExportJobDownloadApi(APIView):
    content_negotiation_class = _FileFormatNegotiation

    @extend_schema(
        responses={
            (200, XLSX): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="not yours, or its file is gone"),
            409: OpenApiResponse(description="not built yet, or failed (`export_not_ready`)"),
        },
        description="The file of a job whose `status` is `done`, for the person who asked.",
    )
    def get(self, request, job_id: int):
        job = _own_job(request, job_id)
        if job.status != ExportJob.Status.DONE:
            raise RuleConflict("export_not_ready", _("This export is not ready."))
        storage = tasks.export_storage()
        if not storage.exists(job.file_name):
            raise NotFound()
        name = _file_name("ideas", job.campaign_id, job.format, timezone.localdate(job.created_at))
        response = FileResponse(storage.open(job.file_name, "rb"), content_type=MEDIA[job.format])
        return _attachment(response, name)


class BriefExportApi(APIView):
    content_negotiation_class = _FileFormatNegotiation

    @extend_schema(
        parameters=[BriefExportQuerySerializer],
        responses={(200, PDF): OpenApiTypes.BINARY, **ERRORS},
        description=BRIEF_DESCRIPTION,
    )
    def get(self, request):
        ensure_dashboard_reader(request.user)
        campaign = _query(BriefExportQuerySerializer, request)["campaign"]
        pdf = brief_pdf(campaign=campaign, viewer=request.user)
        response = HttpResponse(pdf, content_type=PDF)
        return _attachment(response, _file_name("brief", campaign.pk, "pdf"))
