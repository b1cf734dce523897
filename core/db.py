"""Reads that cost PostgreSQL and Python less than the ORM's usual path.

1. Prepared statements. Django's cursors bind parameters on the client, so each query reaches
   PostgreSQL as new text and is parsed and planned every time: for the feed's page (seven
   joined tables and two subqueries) planning cost more than running it. A server-binding
   psycopg cursor sends the parameters apart; psycopg then prepares a statement it has seen
   `prepare_threshold` times on that connection (settings), and PostgreSQL reuses the plan.
2. Statements compiled once (Statement). Building a queryset and compiling it to SQL took more
   of a feed request's Python time than anything else. A Statement keeps the SQL the ORM built
   for one shape of query and binds each request's values into it: the rules stay written once,
   in the querysets, and run once per process and shape.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import count

from django.conf import settings
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


def _rows(sql: str, params) -> list[dict]:
    with server_binding_cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


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
    return _rows(sql, params)


# Stand-ins are negative and far beyond any id, so that no constant of a query equals one.
_FIRST_STAND_IN = -(2**53)


class _Shape:
    """The SQL of one key, and where each value goes in its parameters: (name, position in a
    list value, or None for a single value), or a constant the query itself holds."""

    def __init__(self, build: Callable[..., QuerySet], key: Hashable, values: dict):
        stand_ins: dict[int, tuple[str, int | None]] = {}
        numbers = count(_FIRST_STAND_IN, -1)
        built_with = {}
        for name, value in values.items():
            if isinstance(value, list | tuple):
                built_with[name] = [next(numbers) for _ in value]
                stand_ins.update({n: (name, i) for i, n in enumerate(built_with[name])})
            else:
                built_with[name] = next(numbers)
                stand_ins[built_with[name]] = (name, None)
        self.sql, params = build(key, **built_with).query.sql_with_params()
        self.slots = [
            stand_ins[p] if isinstance(p, int) and p in stand_ins else (None, p) for p in params
        ]
        for name, constant in self.slots:
            if name is None and str(-_FIRST_STAND_IN)[:12] in str(constant):
                # A value the query changed on its way in (cast, summed, quoted): it could not
                # be bound in its place later.
                raise ValueError(f"a Statement's value reached its SQL changed: {constant!r}")

    def bind(self, values: dict) -> list:
        params = []
        for name, position in self.slots:
            if name is None:
                params.append(position)  # a constant of the query
            elif position is None:
                params.append(values[name])
            else:
                params.append(values[name][position])
        return params


class Statement:
    """A read whose SQL the ORM builds once per process and `key`.

    `build(key, **values)` returns a values() queryset (plain fields and annotations, as for
    prepared_rows). Its first call for a key gets stand-ins: a distinct negative integer for
    each integer value and for each item of a list of integers, so the compiled parameters show
    where each value goes; later calls bind the real values there and run the SQL prepared.
    `key` names everything else the SQL depends on: which branch each rule takes for this
    reader, the length of each list. With settings.STATEMENTS_CHECKED (on in the tests),
    every call also builds its query afresh and fails unless the SQL and parameters match.
    On SQLite (the embedded default) each call builds its query, as the ORM would."""

    def __init__(self, build: Callable[..., QuerySet]):
        self._build = build
        self._shapes: dict[Hashable, _Shape] = {}

    def rows(self, key: Hashable, **values) -> list[dict]:
        if connection.vendor != "postgresql":
            return list(self._build(key, **values))
        shape = self._shapes.get(key)
        if shape is None:
            shape = self._shapes[key] = _Shape(self._build, key, values)
        params = shape.bind(values)
        if settings.STATEMENTS_CHECKED:
            fresh = self._build(key, **values).query.sql_with_params()
            if fresh != (shape.sql, tuple(params)):
                raise AssertionError(f"a Statement's key misses what its SQL depends on: {key!r}")
        return _rows(shape.sql, params)
