from django.contrib.admin.apps import AdminConfig


class GagasanAdminConfig(AdminConfig):
    default_site = "backend.admin_site.GagasanAdminSite"
