from functools import partial

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, status
from rest_framework import serializers as drf_serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from accounts.roles import user_is_admin
from core.errors import RuleForbidden
from ideas import comments, follows, selectors, services
from ideas.filters import IdeaFilter
from ideas.models import Comment, Idea, Report
from ideas.serializers import (
    CampaignSerializer,
    CampaignWriteSerializer,
    CategorySerializer,
    CommentEditSerializer,
    CommentModeratedSerializer,
    CommentModerationSerializer,
    CommentSerializer,
    CommentThreadSerializer,
    CommentWriteSerializer,
    IdeaSerializer,
    IdeaStatusChangeSerializer,
    IdeaStatusHistorySerializer,
    IdeaStatusOptionsSerializer,
    IdeaUpdateSerializer,
    IdeaWriteSerializer,
    ReportQueueFilterSerializer,
    ReportQueueSerializer,
    ReportResolveSerializer,
    ReportSerializer,
    ReportWriteSerializer,
)
from ideas.visibility import author_hidden_from


def idea_or_404(request, idea_id: int) -> Idea:
    try:
        return selectors.idea_get(idea_id=idea_id, user=request.user)
    except Idea.DoesNotExist as exc:
        raise NotFound() from exc


def _idea_response(request, idea_id: int, status_code=status.HTTP_200_OK) -> Response:
    row = selectors.idea_row(idea_id=idea_id, viewer=request.user)
    if row is None:
        raise NotFound()
    return Response(selectors.idea_payloads(rows=[row], viewer=request.user)[0], status=status_code)


class CategoryListApi(generics.ListAPIView):
    serializer_class = CategorySerializer
    queryset = selectors.category_list()
    filter_backends = []


class CampaignListApi(generics.ListAPIView):
    serializer_class = CampaignSerializer
    queryset = selectors.campaign_list()
    filter_backends = []

    @extend_schema(request=CampaignWriteSerializer, responses={201: CampaignSerializer})
    def post(self, request):
        body = CampaignWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        campaign = services.campaign_create(created_by=request.user, data=body.validated_data)
        return Response(CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)


class CampaignDetailApi(APIView):
    @extend_schema(responses={200: CampaignSerializer})
    def get(self, request, campaign_id: int):
        campaign = get_object_or_404(selectors.campaign_list(), pk=campaign_id)
        return Response(CampaignSerializer(campaign).data)

    @extend_schema(request=CampaignWriteSerializer, responses={200: CampaignSerializer})
    def patch(self, request, campaign_id: int):
        campaign = get_object_or_404(selectors.campaign_list(), pk=campaign_id)
        body = CampaignWriteSerializer(campaign, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        campaign = services.campaign_update(
            campaign_id=campaign.pk, editor=request.user, data=body.validated_data
        )
        return Response(CampaignSerializer(campaign).data)


class CountedRows:
    """A page's rows for the paginator, with the count asked apart (ideas.selectors
    .idea_list_count) rather than as a COUNT of the rows' own query (ideas.selectors
    .idea_page_rows reads the page)."""

    ordered = True

    def __init__(self, queryset, count, viewer):
        self.queryset, self._count, self.viewer = queryset, count, viewer

    def count(self) -> int:
        return self._count()

    def __getitem__(self, index: slice):
        return selectors.idea_page_rows(self.queryset, index, viewer=self.viewer)


class IdeaListApi(generics.ListAPIView):
    """The feed: plain rows, not model instances through nested serializers (IdeaSerializer
    is the schema, and tests/ideas/test_idea_rows.py holds the rows to its output)."""

    serializer_class = IdeaSerializer
    filterset_class = IdeaFilter

    def get_queryset(self):
        return selectors.idea_list_to_filter(user=self.request.user)

    def filter_queryset(self, queryset):
        self.filterset = DjangoFilterBackend().get_filterset(self.request, queryset, self)
        if not self.filterset.is_valid():
            raise filter_utils.translate_validation(self.filterset.errors)
        return self.filterset.qs

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        count = partial(
            selectors.idea_list_count,
            queryset=queryset,
            user=request.user,
            key=self.filterset.count_key(request.user),
        )
        page = self.paginate_queryset(CountedRows(queryset, count, request.user))
        return self.get_paginated_response(selectors.idea_payloads(rows=page, viewer=request.user))

    @extend_schema(request=IdeaWriteSerializer, responses={201: IdeaSerializer})
    def post(self, request):
        body = IdeaWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        idea = services.idea_create(author=request.user, **body.validated_data)
        return _idea_response(request, idea.pk, status.HTTP_201_CREATED)


class IdeaDetailApi(APIView):
    @extend_schema(responses={200: IdeaSerializer})
    def get(self, request, idea_id: int):
        return _idea_response(request, idea_id)

    @extend_schema(request=IdeaUpdateSerializer, responses={200: IdeaSerializer})
    def patch(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        body = IdeaUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        services.idea_update(idea_id=idea.pk, editor=request.user, data=body.validated_data)
        return _idea_response(request, idea.pk)

    @extend_schema(responses={204: None})
    def delete(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        services.idea_delete(idea_id=idea.pk, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IdeaStatusApi(APIView):
    @extend_schema(responses={200: IdeaStatusOptionsSerializer})
    def get(self, request, idea_id: int):
        """The idea's status and the statuses an admin may move it to next (admins only)."""
        idea = idea_or_404(request, idea_id)
        options = services.idea_status_options(idea=idea, user=request.user)
        return Response(IdeaStatusOptionsSerializer(options).data)

    @extend_schema(request=IdeaStatusChangeSerializer, responses={200: IdeaSerializer})
    def post(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        body = IdeaStatusChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.idea_status_change(
            idea_id=idea.pk,
            to_status=body.validated_data["status"],
            changed_by=request.user,
            note=body.validated_data.get("note", ""),
            merged_into_id=body.validated_data.get("merged_into"),
        )
        return _idea_response(request, idea.pk)


class IdeaStatusHistoryApi(generics.ListAPIView):
    """The audit trail of an idea's statuses, oldest first."""

    serializer_class = IdeaStatusHistorySerializer
    filter_backends = []

    def get_queryset(self):
        self.idea = idea_or_404(self.request, self.kwargs["idea_id"])
        return selectors.idea_status_history(idea=self.idea)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if author_hidden_from(viewer=request.user, idea=self.idea):
            # Blind review: the first entry would name the author.
            for row in response.data["results"]:
                row["changed_by"] = None
        return response


class CommentThreadPagination(api_settings.DEFAULT_PAGINATION_CLASS):
    """The project's pages, whose body also carries the idea's `comment_count` and `seq`."""

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["comment_count"] = {
            "type": "integer",
            "description": "The idea's published comments, replies included.",
        }
        schema["properties"]["seq"] = {
            "type": "integer",
            "description": "The idea's live seq, read before the comments.",
        }
        return schema


THREADS = OpenApiParameter(
    "view",
    str,
    enum=["threads"],
    description="`threads`: a page of top-level comments, each with all its replies "
    "(`replies`, `reply_count`), so that no thread is cut across pages; a comment taken back "
    "that still has replies stays as a placeholder. Left out: every published comment, "
    "replies included, oldest first, each with its `parent` (API.md's list).",
)


class IdeaCommentListApi(generics.ListAPIView):
    """The idea's published comments, oldest first (API.md), or with `?view=threads` as
    threads (the idea page's). The body carries the idea's `comment_count` and its live
    `seq`, read before the comments (a live frame with a greater seq is newer than this
    list)."""

    filter_backends = []
    pagination_class = CommentThreadPagination

    def threaded(self) -> bool:
        return self.request.query_params.get("view") == "threads"

    def get_serializer_class(self):
        return CommentThreadSerializer if self.threaded() else CommentSerializer

    @extend_schema(parameters=[THREADS], responses=CommentThreadSerializer(many=True))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        response.data["comment_count"] = self.idea.comment_count
        response.data["seq"] = self.idea.live_version
        return response

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "idea": getattr(self, "idea", None)}

    def get_queryset(self):
        try:
            self.idea = selectors.idea_for_comments(
                idea_id=self.kwargs["idea_id"], user=self.request.user
            )
        except Idea.DoesNotExist as exc:
            raise NotFound() from exc
        if self.threaded():
            return selectors.comment_threads(idea=self.idea)
        return selectors.comment_list(idea=self.idea)

    @extend_schema(request=CommentWriteSerializer, responses={201: CommentSerializer})
    def post(self, request, idea_id: int):
        idea = self.idea = idea_or_404(request, idea_id)
        body = CommentWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = services.comment_create(idea=idea, author=request.user, **body.validated_data)
        data = CommentSerializer(comment, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


def _comment_of_idea_or_404(request, idea_id: int, comment_id: int) -> Comment:
    idea = idea_or_404(request, idea_id)
    comment = Comment.objects.filter(pk=comment_id, idea=idea).first()
    if comment is None:
        raise NotFound()
    return comment


class IdeaCommentDetailApi(APIView):
    """Its author edits (PATCH) or deletes (DELETE) a comment shortly after posting it."""

    @extend_schema(request=CommentEditSerializer, responses={200: CommentSerializer})
    def patch(self, request, idea_id: int, comment_id: int):
        comment = _comment_of_idea_or_404(request, idea_id, comment_id)
        body = CommentEditSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = comments.comment_edit(
            comment_id=comment.pk, editor=request.user, body=body.validated_data["body"]
        )
        idea = selectors.idea_for_comments(idea_id=idea_id, user=request.user)
        data = CommentSerializer(comment, context={"request": request, "idea": idea}).data
        return Response(data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, idea_id: int, comment_id: int):
        comment = _comment_of_idea_or_404(request, idea_id, comment_id)
        comments.comment_delete(comment_id=comment.pk, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _report_response(report_and_created) -> Response:
    report, created = report_and_created
    code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return Response(ReportSerializer(report).data, status=code)


class CommentReportApi(APIView):
    """Report a comment to the moderators (201; 200 with the same report if one is open)."""

    @extend_schema(request=ReportWriteSerializer, responses={201: ReportSerializer})
    def post(self, request, comment_id: int):
        comment = Comment.objects.filter(pk=comment_id, is_published=True).first()
        if comment is None:
            raise NotFound()
        comment.idea = idea_or_404(request, comment.idea_id)
        body = ReportWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return _report_response(
            comments.comment_report(comment=comment, reporter=request.user, **body.validated_data)
        )


class IdeaReportApi(APIView):
    """Report an idea to the moderators (201; 200 with the same report if one is open)."""

    @extend_schema(request=ReportWriteSerializer, responses={201: ReportSerializer})
    def post(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        body = ReportWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return _report_response(
            comments.idea_report(idea=idea, reporter=request.user, **body.validated_data)
        )


class ModerationReportListApi(generics.ListAPIView):
    """The moderators' queue (admins): reports, oldest first, `?status=open|dismissed|actioned`."""

    serializer_class = ReportQueueSerializer
    filter_backends = []

    @extend_schema(parameters=[ReportQueueFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not user_is_admin(self.request.user):
            raise RuleForbidden("not_admin", _("Only innovation admins see the reports."))
        query = ReportQueueFilterSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.report_queue(status=query.validated_data.get("status"))


class ModerationReportResolveApi(APIView):
    """An admin dismisses a report, or hides what it names; every open report on the same
    object is settled with it."""

    @extend_schema(request=ReportResolveSerializer, responses={200: ReportQueueSerializer})
    def post(self, request, report_id: int):
        body = ReportResolveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            report = comments.report_resolve(
                report_id=report_id, by=request.user, **body.validated_data
            )
        except Report.DoesNotExist as missing:
            raise NotFound() from missing
        report = selectors.report_queue(status=None).get(pk=report.pk)
        return Response(ReportQueueSerializer(report).data)


class CommentModerateApi(APIView):
    """An admin takes a comment down with a reason, which its author is told (moderation)."""

    @extend_schema(request=CommentModerationSerializer, responses={200: CommentModeratedSerializer})
    def post(self, request, comment_id: int):
        body = CommentModerationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            comment = services.comment_moderate(
                comment_id=comment_id, by=request.user, reason=body.validated_data["reason"]
            )
        except Comment.DoesNotExist as missing:
            raise NotFound() from missing
        return Response({"comment": comment.pk, "idea": comment.idea_id, "hidden": True})


class IdeaFollowApi(APIView):
    """Follow an idea (POST) or stop (DELETE), to hear of its status changes, official
    responses and new comments; both idempotent."""

    answer = inline_serializer(
        "IdeaFollowState",
        {
            "following": drf_serializers.BooleanField(),
            "follower_count": drf_serializers.IntegerField(),
        },
    )

    @extend_schema(request=None, responses={200: answer})
    def post(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        follows.follow_add(idea=idea, user=request.user)
        return Response({"following": True, "follower_count": follows.follower_count(idea)})

    @extend_schema(request=None, responses={200: answer})
    def delete(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        follows.follow_remove(idea=idea, user=request.user)
        return Response({"following": False, "follower_count": follows.follower_count(idea)})
