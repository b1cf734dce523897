"""A campaign's ideas as spreadsheet rows for leadership (API.md §Next: exports), and the CSV
and XLSX writers.

Rows: the ideas the dashboard counts (dashboard.stats.counted_ideas) that the reader may see
(ideas.selectors.idea_visible_to), by votes then id, read as plain rows in chunks so that memory
stays flat at 100,000 ideas. What the reader may see of each is asked of the one function for
each question (ideas.visibility): panel and combined scores only where panel_scores_visible_to
allows, and for an idea whose authorship is hidden from them (ideas_with_author_hidden: they
review it blind) its authors, co-authors and agencies read "Hidden (blind review)", as the
idea's own page hides them. The combined score is the
leaderboard's (rankings.selectors), and blank for ideas off the leaderboard (rejected).

Every text cell that a spreadsheet could take for a formula (it begins with = + - @, a tab or
a carriage return) is prefixed with a single quote (OWASP, CSV injection); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import IO

import xlsxwriter
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from dashboard.stats import StatsFilters, counted_ideas
from ideas.models import Campaign, Idea
from ideas.selectors import idea_visible_to
from ideas.visibility import ideas_with_author_hidden, panel_scores_visible_to
from rankings.selectors import combined_score

CHUNK_ROWS = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HIDDEN = _("Hidden (blind review)")
LIST_SEPARATOR = "; "
COLUMNS = (
    _("ID"),
    _("Title"),
    _("Status"),
    _("Category"),
    _("Lead agency code"),
    _("Lead agency"),
    _("Co-author agencies"),
    _("Region"),
    _("Author"),
    _("Co-authors"),
    _("Votes"),
    _("Comments"),
    _("Panel score"),
    _("Combined score"),
    _("Submitted on"),
    _("Link"),
)
WIDTHS = (8, 50, 16, 20, 14, 32, 24, 28, 26, 36, 8, 8, 10, 10, 17, 40)
FIELDS = (
    "id",
    "title",
    "status",
    "category__name_id",
    "category__name_en",
    "agency_id",
    "agency__code",
    "agency__name",
    "region__name",
    "author__full_name",
    "vote_count",
    "comment_count",
    "panel_score",
    "created_at",
    "author_hidden",
    "combined",
)
Cell = str | int | float | datetime | None


def neutralised(text: str) -> str:
    """The text as a spreadsheet shows it and never runs: a leading formula character escaped."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class _Words:
    """The labels of one export, read once in the reader's language: rows may be written after
    the request's language is gone (a streamed response, a worker)."""

    header: list[str]
    statuses: dict[str, str]
    hidden: str
    english: bool

    @classmethod
    def now(cls) -> _Words:
        return cls(
            header=[str(label) for label in COLUMNS],
            statuses={value: str(label) for value, label in Idea.Status.choices},
            hidden=str(HIDDEN),
            english=(get_language() or "id").startswith("en"),
        )


@dataclass(frozen=True)
class _CoAuthors:
    names: list[str] = field(default_factory=list)
    agencies: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class IdeaExport:
    """What `viewer` may read of the campaign's ideas, as rows of COLUMNS."""

    campaign: Campaign
    viewer: User
    site_url: str
    words: _Words
    scores_shown: bool

    @classmethod
    def for_viewer(cls, *, campaign: Campaign, viewer: User, site_url: str) -> IdeaExport:
        """The export as `viewer` may see it, labelled in the active language."""
        return cls(
            campaign=campaign,
            viewer=viewer,
            site_url=site_url.rstrip("/"),
            words=_Words.now(),
            scores_shown=panel_scores_visible_to(viewer=viewer, campaign=campaign),
        )

    def ideas(self) -> QuerySet[Idea]:
        counted = counted_ideas(StatsFilters(campaign=self.campaign))
        return idea_visible_to(user=self.viewer, queryset=counted)

    def count(self) -> int:
        return self.ideas().count()

    def header(self) -> list[str]:
        return self.words.header

    def rows(self) -> Iterator[list[Cell]]:
        """Every row, by votes then id, read CHUNK_ROWS at a time (plain rows, no models)."""
        values = self._queryset().values(*FIELDS).iterator(chunk_size=CHUNK_ROWS)
        while chunk := list(islice(values, CHUNK_ROWS)):
            co_authors = _co_authors_of([row["id"] for row in chunk])
            for row in chunk:
                yield self._row(row, co_authors.get(row["id"]) or _CoAuthors())

    def _queryset(self) -> QuerySet[Idea]:
        # The leaderboard's scale: votes are divided by the most votes of an idea on the board.
        on_board = Idea.objects.filter(campaign_id=self.campaign.pk).exclude(
            status__in=Idea.OFF_BOARD_STATUSES
        )
        max_votes = on_board.aggregate(m=Max("vote_count"))["m"] or 0
        ideas = ideas_with_author_hidden(queryset=self.ideas(), viewer=self.viewer)
        return ideas.annotate(combined=combined_score(self.campaign, max_votes)).order_by(
            "-vote_count", "id"
        )

    def _row(self, row: dict, co_authors: _CoAuthors) -> list[Cell]:
        words = self.words
        hidden = bool(row["author_hidden"])
        other_agencies = sorted(
            {
                code
                for agency_id, code in co_authors.agencies.items()
                if agency_id != row["agency_id"]
            }
        )
        return [
            row["id"],
            row["title"],
            words.statuses.get(row["status"], row["status"]),
            row["category__name_en"] if words.english else row["category__name_id"],
            words.hidden if hidden else row["agency__code"],
            words.hidden if hidden else row["agency__name"],
            words.hidden if hidden else LIST_SEPARATOR.join(other_agencies),
            row["region__name"] or "",
            words.hidden if hidden else row["author__full_name"],
            words.hidden if hidden else LIST_SEPARATOR.join(co_authors.names),
            row["vote_count"],
            row["comment_count"],
            self._panel_score(row),
            self._combined_score(row),
            timezone.localtime(row["created_at"]).replace(microsecond=0),
            f"{self.site_url}/ideas/{row['id']}/",
        ]

    def _panel_score(self, row: dict) -> float | None:
        if not self.scores_shown or row["panel_score"] is None:
            return None
        return round(row["panel_score"], 2)

    def _combined_score(self, row: dict) -> float | None:
        if not self.scores_shown or row["status"] in Idea.OFF_BOARD_STATUSES:
            return None
        return round(100 * row["combined"], 2)


def _co_authors_of(idea_ids: list[int]) -> dict[int, _CoAuthors]:
    """The co-authors' names and agencies (id → code) of these ideas, in one query."""
    links = Idea.co_authors.through.objects.filter(idea_id__in=idea_ids)
    found: dict[int, _CoAuthors] = {}
    for idea_id, name, agency_id, code in links.order_by("idea_id", "user__full_name").values_list(
        "idea_id", "user__full_name", "user__agency_id", "user__agency__code"
    ):
        entry = found.setdefault(idea_id, _CoAuthors())
        entry.names.append(name)
        if agency_id is not None:
            entry.agencies[agency_id] = code
    return found


# --- CSV ---------------------------------------------------------------------------------------


def _csv_cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralised(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def csv_chunks(export: IdeaExport, rows: Iterator[list[Cell]] | None = None) -> Iterator[bytes]:
    """The export (or these of its rows) as UTF-8 CSV with a BOM, so that Excel reads Indonesian
    right: the header before any query, then one piece per CHUNK_ROWS rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def taken() -> bytes:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.encode("utf-8")

    writer.writerow([neutralised(label) for label in export.header()])
    yield "\ufeff".encode() + taken()
    for position, row in enumerate(export.rows() if rows is None else rows, start=1):
        writer.writerow([_csv_cell(value) for value in row])
        if position % CHUNK_ROWS == 0:
            yield taken()
    rest = taken()
    if rest:
        yield rest


# --- XLSX --------------------------------------------------------------------------------------


def xlsx_write(export: IdeaExport, target: IO[bytes]) -> int:
    """Write the export as an XLSX workbook into `target`, row by row (XlsxWriter's constant
    memory mode), every string a string cell (never a formula); return the number of rows."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "remove_timezone": True,
        },
    )
    sheet = workbook.add_worksheet("Gagasan")
    bold = workbook.add_format({"bold": True})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    for column, label in enumerate(export.header()):
        sheet.write_string(0, column, neutralised(label), bold)
    rows = 0
    for rows, row in enumerate(export.rows(), start=1):
        for column, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(rows, column, neutralised(value))
            elif isinstance(value, datetime):
                sheet.write_datetime(rows, column, value, moment)
            elif value is not None:
                sheet.write_number(rows, column, value)
    workbook.close()
    return rows
