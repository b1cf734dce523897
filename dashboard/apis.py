"""HTTP for the leadership dashboard (API.md §Next: stats): thin, as every view."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from dashboard import stats
from dashboard.access import ensure_dashboard_reader
from dashboard.serializers import StatsQuerySerializer, StatsSerializer


class StatsApi(APIView):
    @extend_schema(
        parameters=[StatsQuerySerializer],
        responses={200: StatsSerializer},
        description=stats.__doc__,
    )
    def get(self, request):
        ensure_dashboard_reader(request.user)
        query = StatsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(stats.stats_get(stats.StatsFilters(**query.validated_data)))
