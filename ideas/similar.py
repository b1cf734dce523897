"""Similar ideas: what someone types into the submit form (a title, a problem) against the ideas
already there, so that the tenth copy of the flood-siren idea is not written.

Words are compared by their roots, so that inflections meet ("kemacetan" and "macet",
"penanganan" and "tangani"), and through a small list of synonyms ("banjir rob" and "genangan
pasang", "sampah" and "limbah").

- PostgreSQL: the full-text vector of migration 0002 (the `indonesian` configuration, title
  weighted above problem above solution) matched by a query of every root form of the words
  typed (the Snowball stemmer does not undo every Indonesian nasal prefix: "penanganan" is
  'angan' to it, "tangani" 'tangan'), combined with the trigram similarity of the titles
  (pg_trgm, migration 0010). Both are GIN-indexed; the candidates are the union of the two
  index matches.
- SQLite (the embedded default): the visible ideas that share a root with the text, scored in
  Python by how many of the typed roots they hold, the title's above the problem's.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import OperationalError, connection, transaction
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Greatest, Least

from accounts.models import User
from ideas.models import Idea
from ideas.selectors import SEARCH_CONFIG, idea_filter_by_author, idea_visible_to

SIMILAR_LIMIT = 8
# Shorter than this, a title or problem says too little to compare (and is refused with a 400).
TITLE_MIN = 3
PROBLEM_MIN = 3
TITLE_MAX = 200
PROBLEM_MAX = 10_000
# The typed words the query is built from, at most: the title's first, then the problem's.
WORDS_MAX = 24
# Below this score an idea is not shown: a match of one common word is no duplicate.
SCORE_MIN = 0.12
# SQLite: the newest candidates scored in Python, at most.
FALLBACK_CANDIDATES = 400

# Words that say nothing about an idea's subject.
_STOPWORDS_TEXT = """
    ada adalah agar akan aku anda antara apa atas atau bagi bahwa banyak baru beberapa belum
    bisa bukan dalam dan dapat dari demi dengan di dia harus hal hanya ini itu jadi jika juga
    kami kamu karena ke kita lain lagi lalu lebih maka masih mereka misalnya mulai namun oleh
    pada para per perlu saat saja sampai sangat sebagai secara sedang sehingga seluruh semua
    sendiri serta setiap sudah supaya tanpa tapi telah tentang terhadap tersebut tetapi tidak
    untuk waktu yaitu yang usul usulan gagasan ide inovasi program mengatasi atasi solusi
    masalah warga jakarta
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Groups of words and phrases that name the same thing; any member matches any other.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("banjir rob", "genangan pasang", "air pasang", "rob", "banjir pesisir", "pasang laut"),
    ("sampah", "limbah", "buangan"),
    ("macet", "kemacetan", "lalu lintas padat", "antrean kendaraan", "padat merayap"),
    ("jalan berlubang", "jalan rusak", "lubang jalan", "kerusakan jalan"),
    ("genangan", "banjir", "tergenang"),
    ("sungai", "kali"),
    ("saluran air", "drainase", "got", "selokan", "gorong gorong"),
    ("angkot", "angkutan kota", "mikrotrans", "mikrolet"),
    ("ojek daring", "ojol", "ojek online"),
    ("pkl", "pedagang kaki lima"),
    ("lansia", "lanjut usia", "manula", "orang tua renta"),
    ("disabilitas", "difabel", "penyandang cacat", "berkebutuhan khusus"),
    ("pungli", "pungutan liar"),
    ("suap", "sogok", "gratifikasi", "uang pelicin"),
    ("puskesmas", "fasilitas kesehatan", "faskes"),
    ("ktp", "kartu tanda penduduk", "ekt"),
    ("rth", "ruang terbuka hijau", "taman kota"),
    ("antre", "antri", "antrean", "antrian"),
    ("daring", "online"),
    ("aplikasi", "app", "apps"),
    ("sepeda motor", "motor", "roda dua"),
    ("polusi udara", "pencemaran udara", "kualitas udara"),
    ("peringatan dini", "sirene", "alarm"),
    ("parkir liar", "parkir sembarangan"),
)

_WORD = re.compile(r"[a-z0-9]+")


def normalized(text: str) -> str:
    """Lower case, accents off, everything but letters and digits a space; a reduplicated
    word ("ruas-ruas") once."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\b([a-z]+)-\1\b", r"\1", text)
    return " ".join(_WORD.findall(text))


# --- Roots -----------------------------------------------------------------------------------

_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_ROOT_MIN = 4
_VOWELS = "aeiou"


def _nasal_roots(rest: str, nasal: str) -> set[str]:
    """What a root may have been before a meN-/peN- prefix turned its first sound into `nasal`
    (meny+apu: sapu; men+angani: tangani; meng+elola: kelola; mem+ukul: pukul)."""
    found = {rest}
    if rest and rest[0] in _VOWELS:
        found |= {"t" + rest} if nasal == "n" else set()
        found |= {"k" + rest} if nasal == "ng" else set()
        found |= {"p" + rest} if nasal == "m" else set()
        found |= {"s" + rest} if nasal == "ny" else set()
    return found


def _without_prefixes(word: str) -> set[str]:
    found = {word}
    for prefix in ("di", "ke", "se", "ter", "ber", "be", "per"):
        if word.startswith(prefix) and len(word) - len(prefix) >= _ROOT_MIN - 1:
            rest = word[len(prefix) :]
            found.add(rest)
            if prefix == "ber" and rest.startswith("ke"):  # berkelanjutan
                found.add(rest[2:])
    for prefix in ("me", "pe"):
        if not word.startswith(prefix):
            continue
        tail = word[2:]
        for nasal in ("ngg", "ng", "ny", "n", "m"):
            if tail.startswith(nasal) and len(tail) - len(nasal) >= _ROOT_MIN - 1:
                found |= _nasal_roots(tail[len(nasal) :], nasal[:2] if nasal != "ngg" else "ng")
                break
        else:
            if len(tail) >= _ROOT_MIN - 1:  # me+l/r/w/y..., pe+l/r/w/y...
                found.add(tail)
        if tail.startswith("r") and len(tail) > _ROOT_MIN:  # per-: perbaikan, perizinan
            found.add(tail[1:])
    # memper-, diper-, keber-: one more layer.
    for inner in list(found - {word}):
        for prefix in ("per", "ber", "ter"):
            if inner.startswith(prefix) and len(inner) - len(prefix) >= _ROOT_MIN - 1:
                found.add(inner[len(prefix) :])
    return found


@lru_cache(maxsize=50_000)
def word_roots(word: str) -> frozenset[str]:
    """The forms a word may have come from, itself included: particles, possessives, the
    suffixes -kan/-an/-i and the prefixes (with the nasal's lost first sound) taken off. Loose
    on purpose (two words meet when any of their roots do); roots shorter than four letters
    are dropped, except the word itself."""
    if len(word) <= _ROOT_MIN or word.isdigit():
        return frozenset({word})
    bases = {word}
    for ending in _PARTICLES + _POSSESSIVES:
        if word.endswith(ending) and len(word) - len(ending) >= _ROOT_MIN:
            bases.add(word[: -len(ending)])
    for base in list(bases):
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= _ROOT_MIN - 1:
                bases.add(base[: -len(suffix)])
    roots = set()
    for base in bases:
        roots |= _without_prefixes(base)
    return frozenset({word} | {root for root in roots if len(root) >= _ROOT_MIN})


def _nasalised(root: str) -> tuple[str, str]:
    """The meN- and peN-...-an forms of a root, as the Snowball stemmer sees them."""
    first = root[0]
    if first in _VOWELS or first in "gh":
        stem = "ng" + root
    elif first == "k":
        stem = "ng" + root[1:]
    elif first == "t":
        stem = "n" + root[1:]
    elif first in "dcjz":
        stem = "n" + root
    elif first == "s":
        stem = "ny" + root[1:]
    elif first == "p":
        stem = "m" + root[1:]
    elif first in "bfv":
        stem = "m" + root
    else:
        stem = root
    return "me" + stem, "pe" + stem + "an"


# --- What was typed --------------------------------------------------------------------------


@dataclass(frozen=True)
class Typed:
    """The words of a title and a problem, ready to compare."""

    title_words: tuple[str, ...]
    problem_words: tuple[str, ...]
    synonym_groups: frozenset[int]
    title: str

    @property
    def words(self) -> tuple[str, ...]:
        seen = dict.fromkeys(self.title_words + self.problem_words)
        return tuple(seen)[:WORDS_MAX]


def _phrase_in(phrase: str, text: str) -> bool:
    return f" {phrase} " in f" {text} "


def synonym_groups_in(text: str) -> frozenset[int]:
    """The synonym groups one of whose members appears in `text` (normalized), by root for
    single words (so "kemacetan" finds the group of "macet")."""
    roots = set()
    for word in text.split():
        roots |= word_roots(word)
    found = set()
    for index, group in enumerate(SYNONYMS):
        for member in group:
            if " " in member:
                if _phrase_in(member, text):
                    found.add(index)
                    break
            elif member in roots or _phrase_in(member, text):
                found.add(index)
                break
    return frozenset(found)


def _content_words(text: str) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(w for w in text.split() if w not in STOPWORDS and (len(w) > 2 or w.isdigit()))
    )


def typed(*, title: str = "", problem: str = "") -> Typed:
    title_n, problem_n = normalized(title[:TITLE_MAX]), normalized(problem[:PROBLEM_MAX])
    return Typed(
        title_words=_content_words(title_n),
        problem_words=_content_words(problem_n)[:WORDS_MAX],
        synonym_groups=synonym_groups_in(f"{title_n} {problem_n}"),
        # Trigrams of the words that matter ("untuk", "di" are in every other title).
        title=" ".join(_content_words(title_n)),
    )


# --- PostgreSQL ------------------------------------------------------------------------------


def _word_terms(word: str) -> list[str]:
    """The word and its roots, with the meN-/peN-...-an forms of its shortest roots (what the
    Snowball stemmer turns "penanganan" and "tangani" into differs; these bridge them)."""
    roots = word_roots(word)
    terms = dict.fromkeys([word, *sorted(roots)])
    shortest = min(len(root) for root in roots)
    for root in sorted(roots):
        if root != word and len(root) <= shortest + 1 and root[0].isalpha():
            terms.update(dict.fromkeys(_nasalised(root)))
    return list(terms)


def _group_query(terms: list[str]) -> str:
    """One raw tsquery alternative per term, a phrase (`a <-> b`) for a term of several words.
    Terms are [a-z0-9 ]+ (normalized), so quoting them is safe."""
    parts = []
    for term in terms:
        words = term.split()
        if len(words) > 1:
            parts.append("(" + " <-> ".join(f"'{w}'" for w in words) + ")")
        else:
            parts.append(f"'{term}'")
    return "(" + " | ".join(parts) + ")"


def term_groups(what: Typed) -> list[str]:
    """What a candidate is asked to hold, one tsquery group per typed title word (any of its
    forms, or any member of a synonym group it belongs to), the problem's words where no
    title was typed, at most GROUPS_MAX; then the synonym groups no word claimed, if room."""
    words = (what.title_words or what.problem_words)[:GROUPS_MAX]
    claimed: set[int] = set()
    groups = []
    for word in words:
        terms = _word_terms(word)
        for index in _synonyms_of(word, what.synonym_groups):
            terms += list(SYNONYMS[index])
            claimed.add(index)
        groups.append(_group_query(list(dict.fromkeys(terms))))
    for index in sorted(what.synonym_groups - claimed):
        if len(groups) < GROUPS_MAX:
            groups.append(_group_query(list(SYNONYMS[index])))
    return groups


def _synonyms_of(word: str, found: frozenset[int]) -> list[int]:
    """The synonym groups (of those found in the text) with a member that holds this word (by
    a root): "genangan" of "genangan pasang" is asked as any member of its group too."""
    roots = word_roots(word)
    return [
        index
        for index in sorted(found)
        if any(roots & _roots_of(member.split()) for member in SYNONYMS[index])
    ]


def tsquery_text(what: Typed) -> str:
    """The ranking query: any form of any typed word (title and problem), or any member of the
    synonym groups found."""
    groups = [_group_query(_word_terms(word)) for word in what.words]
    groups += [_group_query(list(SYNONYMS[index])) for index in sorted(what.synonym_groups)]
    return " | ".join(groups)


def at_least(groups: list[str], k: int) -> Q:
    """Where at least `k` of the groups hold: one full-text condition per choice of `k` groups
    (an AND each), ORed, so that PostgreSQL reads each from the GIN index on its own and ORs
    the bitmaps (BitmapOr). One tsquery of ORed ANDs would be slower: it has no term every
    match must hold, so the index would walk every idea holding any common word."""
    found = Q()
    for chosen in itertools.combinations(groups, k):
        query = SearchQuery(" & ".join(chosen), config=SEARCH_CONFIG, search_type="raw")
        found |= Q(search_vector=query)
    return found


# The candidates are gathered tier by tier from the GIN indexes, each bounded: the ideas that
# hold every typed title word (in some form), then all but one, ... down to TIER_MIN words
# (TIERS_MAX tiers at most), until ENOUGH; then, if still fewer, the titles most alike by
# trigrams. Only these few are ranked (by both measures), so the cost does not grow with the
# ideas that share one common word ("banjir": thousands).
GROUPS_MAX = 5
TIER_MIN = 2
TIERS_MAX = 3
ENOUGH = 24
TIER_CAP = 80
TRIGRAM_THRESHOLD = 0.4
TRIGRAM_CAP = 40
TRIGRAM_TIMEOUT_MS = 60
# ts_rank of a title that holds several of the words is about 0.5-0.9; past RANK_FULL the text
# counts as fully matched.
RANK_FULL = 0.6
TEXT_WEIGHT = 0.55
TITLE_WEIGHT = 0.45


def _candidate_ids(queryset: QuerySet[Idea], what: Typed) -> list[int]:
    groups = term_groups(what)
    found: dict[int, None] = {}
    if groups:
        lowest = max(min(len(groups), TIER_MIN), len(groups) - TIERS_MAX + 1)
        for k in range(len(groups), lowest - 1, -1):
            tier = queryset.filter(at_least(groups, k)).exclude(pk__in=list(found))
            # Unordered: the first TIER_CAP the bitmap yields (a sort would read every match).
            tier = tier.order_by().values_list("pk", flat=True)[:TIER_CAP]
            found.update(dict.fromkeys(tier))
            if len(found) >= ENOUGH:
                break
    if what.title and len(found) < ENOUGH:
        found.update(dict.fromkeys(_trigram_ids(queryset, what)))
    return list(found)


def _trigram_ids(queryset: QuerySet[Idea], what: Typed) -> list[int]:
    """Few ideas share the words (a typo, a word cut short, a rare subject): the titles alike
    by trigrams, from the trigram index. Bounded in time: where most titles share most of the
    typed title's trigrams (common words), the index walks thousands of rows to find none;
    past TRIGRAM_TIMEOUT_MS the full-text candidates stand alone."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # For this transaction only: the `%` operator's threshold, the time allowed, and
            # the trigram index rather than a scan of the table (which the planner picks for
            # the LIMIT, guessing many matches).
            cursor.execute(
                f"SET LOCAL pg_trgm.similarity_threshold = {float(TRIGRAM_THRESHOLD)}; "
                f"SET LOCAL statement_timeout = {int(TRIGRAM_TIMEOUT_MS)}; "
                "SET LOCAL enable_seqscan = off"
            )
            alike = queryset.filter(title__trigram_similar=what.title).order_by()
            ids = list(alike.values_list("pk", flat=True)[:TRIGRAM_CAP])
            # Within a caller's transaction (a test, a request made atomic) this block is a
            # savepoint, whose release keeps SET LOCAL: undo them for what follows.
            cursor.execute(
                "SET LOCAL pg_trgm.similarity_threshold TO DEFAULT; "
                "SET LOCAL statement_timeout TO DEFAULT; SET LOCAL enable_seqscan TO DEFAULT"
            )
            return ids
    except OperationalError:  # canceled by statement_timeout; the rollback undid the SETs
        return []


def _postgres_ranked(queryset: QuerySet[Idea], what: Typed) -> QuerySet[Idea]:
    ids = _candidate_ids(queryset, what)
    query = SearchQuery(tsquery_text(what), config=SEARCH_CONFIG, search_type="raw")
    # The stored, weighted vector (F()), as ideas.selectors.idea_search ranks it.
    text_score = Least(SearchRank(F("search_vector"), query) / RANK_FULL, Value(1.0))
    title_score = TrigramSimilarity("title", what.title) if what.title else Value(0.0)
    score = TEXT_WEIGHT * text_score + TITLE_WEIGHT * title_score
    return (
        Idea.objects.filter(pk__in=ids)
        .annotate(score=Greatest(score, Value(0.0), output_field=FloatField()))
        .filter(score__gte=SCORE_MIN)
        .order_by("-score", "-vote_count", "-id")
    )


# --- SQLite ----------------------------------------------------------------------------------


def _roots_of(words) -> set[str]:
    found: set[str] = set()
    for word in words:
        found |= word_roots(word)
    return found


def fallback_score(what: Typed, *, title: str, problem: str) -> float:
    """How much of what was typed an idea holds, 0..1: each typed word found (by a root) in
    its title counts 1, in its problem only 0.5; a shared synonym group counts as a word."""
    title_n, problem_n = normalized(title), normalized(problem)
    title_roots = _roots_of(title_n.split())
    problem_roots = _roots_of(problem_n.split())
    groups_title = synonym_groups_in(title_n)
    groups_problem = synonym_groups_in(problem_n)
    points, weight = 0.0, 0.0
    for words, word_weight in ((what.title_words, 1.0), (what.problem_words, 0.6)):
        for word in words:
            weight += word_weight
            roots = word_roots(word)
            if roots & title_roots:
                points += word_weight
            elif roots & problem_roots:
                points += word_weight * 0.5
    for group in what.synonym_groups:
        weight += 1.0
        if group in groups_title:
            points += 1.0
        elif group in groups_problem:
            points += 0.5
    return round(points / weight, 4) if weight else 0.0


def _fallback_ranked(queryset: QuerySet[Idea], what: Typed, limit: int) -> list[dict]:
    roots = sorted({r for r in _roots_of(what.words) if len(r) >= _ROOT_MIN} | set(what.words))
    for index in what.synonym_groups:
        roots += [member for member in SYNONYMS[index] if " " not in member]
    if not roots:
        return []
    near = Q()
    for root in roots[: WORDS_MAX * 2]:
        near |= Q(title__icontains=root) | Q(problem__icontains=root)
    rows = list(
        queryset.filter(near)
        .order_by("-created_at", "-id")
        .values(*_FIELDS, "problem")[:FALLBACK_CANDIDATES]
    )
    for row in rows:
        row["score"] = fallback_score(what, title=row["title"], problem=row.pop("problem"))
    rows = [row for row in rows if row["score"] >= SCORE_MIN]
    rows.sort(key=lambda row: (-row["score"], -row["vote_count"], -row["id"]))
    return rows[:limit]


# --- The selector ----------------------------------------------------------------------------

_FIELDS = ("id", "title", "status", "campaign_id", "vote_count")


def similar_candidates(*, user: User, campaign_id: int | None = None) -> QuerySet[Idea]:
    """The ideas a suggestion may name: those the user may see (ideas.selectors
    .idea_visible_to), but never an idea hidden by moderation or merged into another, nor
    someone else's draft (not even for admins); within the campaign when one is given."""
    queryset = idea_visible_to(user=user, queryset=Idea.objects.all()).exclude(
        status__in=[Idea.Status.MERGED, Idea.Status.HIDDEN]
    )
    own = idea_filter_by_author(queryset=Idea.objects.all(), user_id=user.pk).values("pk")
    queryset = queryset.filter(~Q(status=Idea.Status.DRAFT) | Q(pk__in=own))
    if campaign_id is not None:
        queryset = queryset.filter(campaign_id=campaign_id)
    return queryset


def similar_ideas(
    *,
    user: User,
    title: str = "",
    problem: str = "",
    campaign_id: int | None = None,
    limit: int = SIMILAR_LIMIT,
) -> list[dict]:
    """The ideas most like this title and problem, best first, that `user` may see:
    `{"id", "title", "status", "campaign_id", "vote_count", "score"}` (score 0..1)."""
    what = typed(title=title, problem=problem)
    if not what.words and not what.synonym_groups:
        return []
    queryset = similar_candidates(user=user, campaign_id=campaign_id)
    if connection.vendor == "postgresql":
        rows = list(_postgres_ranked(queryset, what).values(*_FIELDS, "score")[:limit])
        for row in rows:
            row["score"] = round(row["score"], 4)
        return rows
    return _fallback_ranked(queryset, what, limit)
