"""HTTP for duplicates: similar ideas while someone types (ideas.similar) and merging a
duplicate into its original (ideas.merge, admins)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from ideas import selectors, similar
from ideas.apis import idea_or_404
from ideas.merge import MERGE_NOTE_MAX, idea_lineage, idea_merge
from ideas.models import Campaign, Idea
from ideas.serializers import IdeaSerializer

ID_MAX = 2**63 - 1


class SimilarQuerySerializer(serializers.Serializer):
    title = serializers.CharField(
        required=False,
        allow_blank=True,
        min_length=similar.TITLE_MIN,
        max_length=similar.TITLE_MAX,
    )
    problem = serializers.CharField(
        required=False,
        allow_blank=True,
        min_length=similar.PROBLEM_MIN,
        max_length=similar.PROBLEM_MAX,
    )
    campaign = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAX)

    def validate(self, attrs):
        if not attrs.get("title", "").strip() and not attrs.get("problem", "").strip():
            raise serializers.ValidationError({"title": [_("Give a title or a problem.")]})
        return attrs


class SimilarIdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Idea.Status.choices)
    score = serializers.FloatField(help_text="0 to 1: how alike, best first.")
    campaign = serializers.IntegerField(allow_null=True)
    vote_count = serializers.IntegerField()
    url = serializers.CharField(help_text="The idea's page.")


class IdeaSimilarApi(APIView):
    """Ideas like a title and problem being typed (the submit form), best first: at most a
    few, only ideas the caller may see, never hidden or merged ones."""

    @extend_schema(
        parameters=[SimilarQuerySerializer],
        responses={200: SimilarIdeaSerializer(many=True)},
    )
    def get(self, request):
        query = SimilarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        campaign_id = query.validated_data.get("campaign")
        if campaign_id is not None and not Campaign.objects.filter(pk=campaign_id).exists():
            raise serializers.ValidationError({"campaign": [_("Unknown campaign.")]})
        rows = similar.similar_ideas(
            user=request.user,
            title=query.validated_data.get("title", ""),
            problem=query.validated_data.get("problem", ""),
            campaign_id=campaign_id,
        )
        return Response(
            [
                {
                    "id": row["id"],
                    "title": row["title"],
                    "status": row["status"],
                    "score": row["score"],
                    "campaign": row["campaign_id"],
                    "vote_count": row["vote_count"],
                    "url": f"/ideas/{row['id']}/",
                }
                for row in rows
            ]
        )


class IdeaMergeSerializer(serializers.Serializer):
    into = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, help_text="The original the duplicate is merged into."
    )
    note = serializers.CharField(max_length=MERGE_NOTE_MAX, allow_blank=True, required=False)


class IdeaMergeApi(APIView):
    """An admin merges this idea (a duplicate) into another (the original): 200 with the
    duplicate, now `merged`. 409 with a code when the merge is refused (ideas.merge), 403
    `not_admin`."""

    @extend_schema(
        request=IdeaMergeSerializer,
        responses={200: IdeaSerializer},
        parameters=[OpenApiParameter("idea_id", int, OpenApiParameter.PATH)],
    )
    def post(self, request, idea_id: int):
        body = IdeaMergeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            idea_merge(
                idea_id=idea_id,
                into_id=body.validated_data["into"],
                by=request.user,
                note=body.validated_data.get("note", ""),
            )
        except Idea.DoesNotExist as missing:
            raise NotFound() from missing
        row = selectors.idea_row(idea_id=idea_id, viewer=request.user)
        if row is None:
            raise NotFound()
        data = selectors.idea_payloads(rows=[row], viewer=request.user)[0]
        return Response(data, status=status.HTTP_200_OK)


class IdeaBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class MergedIdeaSerializer(IdeaBriefSerializer):
    merged_at = serializers.DateTimeField()


class IdeaLineageSerializer(serializers.Serializer):
    merged_into = IdeaBriefSerializer(allow_null=True, help_text="The original it was merged into.")
    merged_from = MergedIdeaSerializer(many=True, help_text="The duplicates merged into it.")


class IdeaLineageApi(APIView):
    """The idea's merges: what it was merged into, what was merged into it (both idea pages
    show them)."""

    @extend_schema(responses={200: IdeaLineageSerializer})
    def get(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        return Response(IdeaLineageSerializer(idea_lineage(idea=idea)).data)
