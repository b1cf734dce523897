from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=K&page_size=M` (at most 100), as API.md describes every list."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
