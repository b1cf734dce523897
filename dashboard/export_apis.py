"""HTTP for the exports (API.md §Next: exports). Placeholder until the exports land."""

from rest_framework.views import APIView

from dashboard.access import ensure_dashboard_reader


class IdeaExportApi(APIView):
    def get(self, request):
        ensure_dashboard_reader(request.user)
        raise NotImplementedError


class BriefExportApi(APIView):
    def get(self, request):
        ensure_dashboard_reader(request.user)
        raise NotImplementedError
