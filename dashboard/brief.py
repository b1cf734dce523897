"""The campaign brief for the Governor's office: one or two A4 pages of PDF in the reader's
language (Indonesian unless English is asked for), numbers written the language's way
(1.234,5 in Indonesian).

Its numbers are the dashboard's (dashboard.stats.stats_get) and its top ideas the leaderboard's
(rankings.selectors.leaderboard_get: by combined score where the reader may see panel scores,
else by votes; agencies hidden from whoever reviews the campaign blind). Text is set in Bitstream
Vera, the TrueType font ReportLab ships, so that curly quotes and dashes print as written.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from accounts.models import User
from accounts.roles import user_sees_panel_scores
from dashboard.stats import StatsFilters, stats_get
from ideas.models import Campaign, Idea
from ideas.visibility import campaign_authors_hidden_from, panel_scores_visible_to
from rankings.selectors import leaderboard_get

FONT, BOLD, ITALIC, BOLD_ITALIC = "Vera", "VeraBd", "VeraIt", "VeraBI"
TOP_IDEAS = 10
TOP_AGENCIES = 10
MARGIN = 16 * mm
PAD = 4  # a table cell's padding left and right, in points
WIDTH = A4[0] - 2 * MARGIN
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#b5121b")  # the red of Jakarta's coat of arms
RULE = colors.HexColor("#d9dee3")


@cache
def _fonts() -> None:
    """Register Vera (Unicode TrueType) once per process."""
    folder = Path(reportlab.__file__).parent / "fonts"
    for name in (FONT, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


def _style(
    size: float, *, bold: bool = False, color=INK, leading: float | None = None, right=False
):
    return ParagraphStyle(
        f"s{size}{bold}{right}",
        fontName=BOLD if bold else FONT,
        fontSize=size,
        leading=leading or size * 1.3,
        textColor=color,
        alignment=TA_RIGHT if right else TA_LEFT,
    )


def _header(labels: list, *, numeric_from: int) -> list[Paragraph]:
    """A table's header row: bold, wrapping within its column, numbers' labels to the right."""
    return [
        _text(str(label), _style(8, bold=True, leading=9.5, right=column >= numeric_from))
        for column, label in enumerate(labels)
    ]


def number(value, decimals: int = 0) -> str:
    """A number the active language's way (Indonesian: 1.234,5); a dash for none."""
    if value is None:
        return "–"
    # Rounded first: number_format cuts the digits past decimal_pos (1/6 would read 16,6 %).
    return formats.number_format(
        round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def _text(value: str, style) -> Paragraph:
    return Paragraph(escape(value), style)


def _table(rows: list[list], widths: list[float], *, numeric_from: int) -> Table:
    """A plain table: a bold header row, hairlines, numbers right-aligned from a column on."""
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return table


def _words_width(texts: list[str]) -> float:
    """The width a column needs so that none of its words is broken (header words in bold)."""
    widest = max(
        stringWidth(word, BOLD if position == 0 else FONT, 8.5)
        for position, text in enumerate(texts)
        for word in text.split()
    )
    return widest + 2 * PAD


def _heading(text: str) -> list:
    return [
        Spacer(1, 5 * mm),
        _text(text, _style(11.5, bold=True, color=ACCENT)),
        Spacer(1, 2 * mm),
    ]


def _masthead(campaign: Campaign) -> list:
    phases = [
        (_("Submission"), campaign.submission_opens, campaign.submission_closes),
        (_("Voting"), campaign.voting_opens, campaign.voting_closes),
        (_("Review"), campaign.review_opens, campaign.review_closes),
    ]
    dates = " · ".join(f"{name}: {_day(start)} – {_day(end)}" for name, start, end in phases)
    phase = Campaign.Phase(campaign.phase).label
    generated = formats.date_format(timezone.localtime(), "j F Y, H:i")
    return [
        _text(_("Gagasan · Campaign brief"), _style(9, bold=True, color=ACCENT)),
        Spacer(1, 1.5 * mm),
        _text(campaign.title, _style(17, bold=True, leading=21)),
        Spacer(1, 2 * mm),
        _text(_("Phase: {phase}").format(phase=phase), _style(9.5, bold=True)),
        _text(dates, _style(8.5, color=MUTED)),
        _text(_("Generated on {moment} WIB").format(moment=generated), _style(8.5, color=MUTED)),
    ]


def _key_figures(totals: dict) -> list:
    figures = [
        (_("Ideas"), number(totals["ideas"])),
        (_("Authors"), number(totals["authors"])),
        (_("Votes"), number(totals["votes"])),
        (_("Comments"), number(totals["comments"])),
        (_("Cross-agency collaborations"), number(totals["collaborations"])),
        (
            _("Agencies taking part"),
            _("{part} of {all}").format(
                part=number(totals["agencies_taking_part"]), all=number(totals["agencies"])
            ),
        ),
        (_("Ideas per 100 staff"), number(totals["ideas_per_100"], 2)),
        (
            _("Reviews done"),
            _("{part} of {all}").format(
                part=number(totals["reviews_done"]), all=number(totals["reviews_assigned"])
            ),
        ),
        (_("Shortlisted"), number(totals["shortlisted"])),
        (_("Accepted"), number(totals["accepted"])),
        (_("Implemented"), number(totals["implemented"])),
    ]
    value, label = _style(13, bold=True), _style(7.5, color=MUTED)
    cells = [[_text(v, value), _text(name, label)] for name, v in figures]
    columns = 4
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[WIDTH / columns] * columns)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [*_heading(_("Key figures")), table]


def _funnel(funnel: list[dict], ideas: int) -> list:
    labels = [_("Status"), _("Now"), _("Reached this stage"), _("Share of all ideas")]
    rows = [_header(labels, numeric_from=1)]
    for step in funnel:
        share = 100 * step["reached"] / ideas if ideas else None
        rows.append(
            [
                Idea.Status(step["status"]).label,
                number(step["count"]),
                number(step["reached"]),
                "–" if share is None else f"{number(share, 1)} %",
            ]
        )
    table = _table(rows, [WIDTH * 0.4, WIDTH * 0.16, WIDTH * 0.22, WIDTH * 0.22], numeric_from=1)
    return [*_heading(_("Status funnel")), table]


def _top_ideas(campaign: Campaign, viewer: User) -> list:
    scores = panel_scores_visible_to(viewer=viewer, campaign=campaign)
    board = leaderboard_get(
        campaign=campaign,
        by="combined" if scores else "votes",
        limit=TOP_IDEAS,
        sees_panel=user_sees_panel_scores(viewer),
        hide_agency=campaign_authors_hidden_from(viewer=viewer, campaign=campaign),
    )
    title = _("Top {n} ideas").format(n=TOP_IDEAS)
    note = _("Ranked by combined score") if scores else _("Ranked by votes")
    head = [*_heading(title), _text(note, _style(8, color=MUTED)), Spacer(1, 1.5 * mm)]
    if not board["entries"]:
        return [*head, _text(_("No ideas yet."), _style(9))]
    cell, hidden = _style(8.5, leading=10.5), _("Hidden (blind review)")
    header = [_("Rank"), _("Title"), _("Agency"), _("Votes")]
    if scores:
        header += [_("Panel score"), _("Combined score")]
    rows = [_header(header, numeric_from=3)]
    texts = [[str(h)] for h in header]  # what each column holds, for its width
    for entry in board["entries"]:
        agency = entry["idea"]["agency"]
        values = [
            number(entry["rank"]),
            entry["idea"]["title"],
            agency["code"] if agency else hidden,
            number(entry["vote_count"]),
        ]
        if scores:
            values += [number(entry["panel_score"], 1), number(entry["combined_score"], 1)]
        for column, value in enumerate(values):
            texts[column].append(value)
        rows.append([_text(v, cell) if column in (1, 2) else v for column, v in enumerate(values)])
    # Every column but the title's as wide as its widest word (a header word such as
    # "Peringkat" is never cut inside), the agency's at most a fifth; the title takes the rest.
    widths = [_words_width(t) for t in texts]
    widths[2] = min(widths[2], WIDTH / 5)
    widths[1] = WIDTH - sum(widths) + widths[1]
    return [*head, _table(rows, widths, numeric_from=3)]


def _agency_chart(agencies: list[dict]) -> list:
    title = _("Agency participation: ideas per 100 staff (top {n})").format(n=TOP_AGENCIES)
    ranked = [a for a in agencies if a["ideas_per_100"] is not None and a["ideas"]]
    ranked = ranked[:TOP_AGENCIES]
    if not ranked:
        return [
            *_heading(title),
            _text(_("No agency with a known headcount has ideas yet."), _style(9)),
        ]
    bar, label_room = 7 * mm, 62 * mm
    drawing = Drawing(WIDTH, bar * len(ranked) + 10 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, 6 * mm
    chart.width, chart.height = WIDTH - label_room - 14 * mm, bar * len(ranked)
    ordered = list(reversed(ranked))  # the chart draws from the bottom up
    chart.data = [[a["ideas_per_100"] for a in ordered]]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: number(v, 1)
    chart.categoryAxis.categoryNames = [_agency_label(a["agency"]) for a in ordered]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.barLabelFormat = lambda v: number(v, 2)
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(String(0, 0, _("Ideas per 100 staff"), fontName=FONT, fontSize=7, fillColor=MUTED))
    return [KeepTogether([*_heading(title), drawing])]


def _agency_label(agency: dict) -> str:
    name = agency["name"] if len(agency["name"]) <= 34 else agency["name"][:33] + "…"
    return f"{name} ({agency['code']})"


def _footer(campaign: Campaign):
    def draw(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        text = f"Gagasan · {campaign.title} · " + _("Page {n}").format(n=document.page)
        canvas.drawString(MARGIN, 9 * mm, text)
        canvas.restoreState()

    return draw


def brief_pdf(*, campaign: Campaign, viewer: User) -> bytes:
    """The campaign's brief as `viewer` may read it, in the active language: title, dates and
    phase, when it was made, key figures, the status funnel, the top ideas and the agencies'
    participation, on A4."""
    _fonts()
    body = stats_get(StatsFilters(campaign=campaign))
    story = [
        *_masthead(campaign),
        *_key_figures(body["totals"]),
        *_funnel(body["funnel"], body["totals"]["ideas"]),
        *_top_ideas(campaign, viewer),
        *_agency_chart(body["agencies"]),
    ]
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=campaign.title,
        author="Gagasan",
        subject=_("Campaign brief"),
    )
    footer = _footer(campaign)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
