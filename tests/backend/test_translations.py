"""Every string the pages show has its Indonesian in the one catalogue, django.po: the
templates' {% translate %}, the scripts' t()/tn() and the words their tables map codes to."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "frontend_static"
STRING = r'"((?:[^"\\]|\\.)*)"'


def indonesian():
    return gettext.translation(
        "django", localedir=str(settings.LOCALE_PATHS[0]), languages=["id"]
    )._catalog


def template_msgids() -> set[str]:
    found = set()
    for page in (ROOT / "pages").glob("*.html"):
        found |= set(re.findall(r'\{% translate "([^"]+)" %\}', page.read_text()))
    return found


def scripts() -> list[str]:
    return [script.read_text() for script in (ROOT / "js").glob("*.js")]


def plural_msgids() -> set[tuple[str, str]]:
    """tn("{n} vote", "{n} votes", ...): (singular, plural)."""
    return {
        pair
        for source in scripts()
        for pair in re.findall(r"\btn\(" + STRING + ", " + STRING, source)
    }


def script_msgids() -> set[str]:
    found = set()
    for source in scripts():
        found |= set(re.findall(r"\bt\(" + STRING, source))
        # The tables that map a code the API sends to its words: FOO_LABELS = {code: "Words"}.
        for table in re.findall(r"const [A-Z_]+_(?:LABELS?|TEXT) = \{(.*?)\};", source, re.S):
            found |= set(re.findall(r":\s*" + STRING, table))
        found |= set(re.findall(r"\blabel: " + STRING, source))
    return found


def test_the_pages_and_scripts_use_strings():
    # The extraction below finds what it should: otherwise the checks would pass on nothing.
    assert {"Skip to main content", "Sign in"} <= template_msgids()
    assert {"Live", "In review", "Home"} <= script_msgids()
    assert ("{n} vote", "{n} votes") in plural_msgids()


@pytest.mark.parametrize("source", ["templates", "scripts"])
def test_every_string_has_its_indonesian(source):
    msgids = template_msgids() if source == "templates" else script_msgids()
    catalog = indonesian()

    assert sorted(m for m in msgids if not catalog.get(m)) == []


def test_every_plural_has_its_indonesian():
    catalog = indonesian()  # Indonesian has one form: (singular, 0)

    assert sorted(s for s, _ in plural_msgids() if not catalog.get((s, 0))) == []
