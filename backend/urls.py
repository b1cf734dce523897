"""Every endpoint, one path() each (STYLE.md)."""

from django.contrib import admin
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from accounts import apis as accounts_apis
from backend import health, i18n, pages
from dashboard import apis as dashboard_apis
from dashboard import export_apis
from ideas import apis as ideas_apis
from ideas import invitation_apis, similar_apis
from notifications import apis as notifications_apis
from notifications import views as notifications_views
from rankings import apis as rankings_apis
from reviews import apis as reviews_apis
from voting import apis as voting_apis

urlpatterns = [
    # Operations
    path("healthz", health.healthz, name="healthz"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    # The scripts' strings in the page's language (backend/i18n.py)
    path("jsi18n/", i18n.script_catalog, name="js-catalog"),
    # Authentication
    path("api/auth/token/", accounts_apis.AuthTokenApi.as_view(), name="auth-token"),
    path("api/auth/login/", accounts_apis.AuthLoginApi.as_view(), name="auth-login"),
    path("api/auth/logout/", accounts_apis.AuthLogoutApi.as_view(), name="auth-logout"),
    path("api/me/", accounts_apis.MeApi.as_view(), name="me"),
    # Reference data
    path("api/agencies/", accounts_apis.AgencyListApi.as_view(), name="agency-list"),
    path("api/regions/", accounts_apis.RegionListApi.as_view(), name="region-list"),
    path("api/users/", accounts_apis.UserListApi.as_view(), name="user-list"),
    path("api/staff/", accounts_apis.StaffListApi.as_view(), name="staff-list"),
    path(
        "api/notifications/",
        notifications_apis.NotificationListApi.as_view(),
        name="notification-list",
    ),
    path(
        "api/notifications/read/",
        notifications_apis.NotificationReadApi.as_view(),
        name="notification-read",
    ),
    path("api/invitations/", invitation_apis.InvitationListApi.as_view(), name="invitation-list"),
    path(
        "api/invitations/<int:invitation_id>/accept/",
        invitation_apis.InvitationAcceptApi.as_view(),
        name="invitation-accept",
    ),
    path(
        "api/invitations/<int:invitation_id>/decline/",
        invitation_apis.InvitationDeclineApi.as_view(),
        name="invitation-decline",
    ),
    path(
        "api/invitations/<int:invitation_id>/withdraw/",
        invitation_apis.InvitationWithdrawApi.as_view(),
        name="invitation-withdraw",
    ),
    path(
        "api/notifications/preferences/",
        notifications_apis.NotificationPreferencesApi.as_view(),
        name="notification-preferences",
    ),
    path(
        "berhenti-langganan/<str:token>/",
        notifications_views.unsubscribe_page,
        name="notifications-unsubscribe",
    ),
    path("api/staff/import/", accounts_apis.StaffImportApi.as_view(), name="staff-import"),
    path(
        "api/staff/<int:user_id>/roles/",
        accounts_apis.StaffRolesApi.as_view(),
        name="staff-roles",
    ),
    path("api/categories/", ideas_apis.CategoryListApi.as_view(), name="category-list"),
    # Campaigns
    path("api/campaigns/", ideas_apis.CampaignListApi.as_view(), name="campaign-list"),
    path(
        "api/campaigns/<int:campaign_id>/",
        ideas_apis.CampaignDetailApi.as_view(),
        name="campaign-detail",
    ),
    path(
        "api/campaigns/<int:campaign_id>/criteria/",
        reviews_apis.CampaignCriteriaApi.as_view(),
        name="campaign-criteria",
    ),
    # Ideas
    path("api/ideas/", ideas_apis.IdeaListApi.as_view(), name="idea-list"),
    path("api/ideas/similar/", similar_apis.IdeaSimilarApi.as_view(), name="idea-similar"),
    path("api/ideas/<int:idea_id>/merge/", similar_apis.IdeaMergeApi.as_view(), name="idea-merge"),
    path(
        "api/ideas/<int:idea_id>/lineage/",
        similar_apis.IdeaLineageApi.as_view(),
        name="idea-lineage",
    ),
    path("api/ideas/<int:idea_id>/", ideas_apis.IdeaDetailApi.as_view(), name="idea-detail"),
    path("api/ideas/<int:idea_id>/status/", ideas_apis.IdeaStatusApi.as_view(), name="idea-status"),
    path(
        "api/ideas/<int:idea_id>/status-history/",
        ideas_apis.IdeaStatusHistoryApi.as_view(),
        name="idea-status-history",
    ),
    path(
        "api/comments/<int:comment_id>/moderate/",
        ideas_apis.CommentModerateApi.as_view(),
        name="comment-moderate",
    ),
    path(
        "api/ideas/<int:idea_id>/comments/",
        ideas_apis.IdeaCommentListApi.as_view(),
        name="idea-comments",
    ),
    path(
        "api/ideas/<int:idea_id>/comments/<int:comment_id>/",
        ideas_apis.IdeaCommentDetailApi.as_view(),
        name="idea-comment-detail",
    ),
    path(
        "api/comments/<int:comment_id>/report/",
        ideas_apis.CommentReportApi.as_view(),
        name="comment-report",
    ),
    path("api/ideas/<int:idea_id>/report/", ideas_apis.IdeaReportApi.as_view(), name="idea-report"),
    path(
        "api/moderation/reports/",
        ideas_apis.ModerationReportListApi.as_view(),
        name="moderation-reports",
    ),
    path(
        "api/moderation/reports/<int:report_id>/resolve/",
        ideas_apis.ModerationReportResolveApi.as_view(),
        name="moderation-report-resolve",
    ),
    path("api/ideas/<int:idea_id>/vote/", voting_apis.IdeaVoteApi.as_view(), name="idea-vote"),
    path("api/ideas/<int:idea_id>/follow/", ideas_apis.IdeaFollowApi.as_view(), name="idea-follow"),
    # Panel reviews
    path(
        "api/reviews/assignments/",
        reviews_apis.AssignmentListApi.as_view(),
        name="review-assignments",
    ),
    path(
        "api/reviews/assignments/<int:assignment_id>/",
        reviews_apis.AssignmentDetailApi.as_view(),
        name="review-assignment-detail",
    ),
    path(
        "api/ideas/<int:idea_id>/reviews/",
        reviews_apis.IdeaReviewListApi.as_view(),
        name="idea-reviews",
    ),
    path(
        "api/ideas/<int:idea_id>/panel-result/",
        reviews_apis.IdeaPanelResultApi.as_view(),
        name="idea-panel-result",
    ),
    path(
        "api/campaigns/<int:campaign_id>/rubric/",
        reviews_apis.CampaignRubricApi.as_view(),
        name="campaign-rubric",
    ),
    path("api/rubrics/", reviews_apis.RubricTemplateListApi.as_view(), name="rubric-list"),
    path(
        "api/campaigns/<int:campaign_id>/panel/",
        reviews_apis.CampaignPanelApi.as_view(),
        name="campaign-panel",
    ),
    path(
        "api/campaigns/<int:campaign_id>/panel/assign/",
        reviews_apis.CampaignPanelAssignApi.as_view(),
        name="campaign-panel-assign",
    ),
    path(
        "api/campaigns/<int:campaign_id>/panel/progress/",
        reviews_apis.CampaignPanelProgressApi.as_view(),
        name="campaign-panel-progress",
    ),
    # Leaderboard
    path("api/leaderboard/", rankings_apis.LeaderboardApi.as_view(), name="leaderboard"),
    path("api/stats/", dashboard_apis.StatsApi.as_view(), name="stats"),
    path("api/exports/ideas/", export_apis.IdeaExportApi.as_view(), name="export-ideas"),
    path("api/exports/brief/", export_apis.BriefExportApi.as_view(), name="export-brief"),
    path("api/exports/jobs/<int:job_id>/", export_apis.ExportJobApi.as_view(), name="export-job"),
    path(
        "api/exports/jobs/<int:job_id>/download/",
        export_apis.ExportJobDownloadApi.as_view(),
        name="export-job-download",
    ),
    # Pages of the browser app
    path("", pages.feed_page, name="page-feed"),
    path("login/", pages.login_page, name="page-login"),
    path("ideas/new/", pages.submit_page, name="page-submit"),
    path("ideas/<int:idea_id>/", pages.idea_page, name="page-idea"),
    path("ideas/<int:idea_id>/edit/", pages.submit_page, name="page-idea-edit"),
    path("leaderboard/", pages.leaderboard_page, name="page-leaderboard"),
    path("reviews/", pages.reviews_page, name="page-reviews"),
    path("panel/", pages.panel_page, name="page-panel"),
    path("kelola/", pages.console_page, name="page-console"),
    path("saya/", pages.mine_page, name="page-mine"),
    path("dasbor/", pages.dashboard_page, name="page-dashboard"),
    path("favicon.ico", pages.favicon, name="favicon"),
    # Django admin
    path("admin/", admin.site.urls),
]
