"""Statements PostgreSQL plans once per connection instead of on every request.

Django's cursors bind parameters on the client, so each query reaches PostgreSQL as new text
and is parsed and planned every time: for the feed's page (seven joined tables and two
subqueries) planning cost more than running it. A server-binding psycopg cursor sends the
parameters apart; psycopg then prepares a statement it has seen `prepare_threshold` times on
that connection (settings), and PostgreSQL reuses the plan.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet


def server_binding_cursor():
    """A Django cursor (logging, wrappers) over a server-binding psycopg cursor."""
    import psycopg

    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(raw)
    return connection.make_cursor(raw)


def prepared_rows(queryset: QuerySet) -> list[dict]:
    """A values() queryset's rows, as list(queryset) gives them, read on PostgreSQL through
    server_binding_cursor. Only for values() of plain fields and annotations: no
    from_db_value converters run on this path."""
    if connection.vendor != "postgresql":
        return list(queryset)
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (an id beyond the column's range)
        return []
    with server_binding_cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
