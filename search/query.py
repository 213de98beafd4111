"""From what a visitor typed to what the engines look for, identically for both engines.

A query becomes term groups, one per word: the word's Sastrawi stem and, when that stem is
not in the index vocabulary and the word has five letters or more, the stems of vocabulary
words one edit away (a wrong, missing, extra or swapped letter). The engines rank documents
that match every group's exact stem first, then those that match every group through a typo
correction, then those that match only some groups, so exact matches stay above corrected
ones and all-word matches above partial ones. Filter values are cleaned here too.
"""
from dataclasses import dataclass, field

from .analysis import STOPWORDS, normalize, stem, tokenize
from .base import FACET_FIELDS, SORTS

MAX_QUERY_CHARS = 200
MAX_GROUPS = 12
MIN_TYPO_LENGTH = 5
MAX_NEIGHBOURS = 4
MAX_FILTER_VALUES = 20
ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class TermGroup:
    word: str
    exact: str
    fuzzy: list[str] = field(default_factory=list)
    correction: str | None = None  # the most frequent vocabulary word one edit away

    @property
    def stems(self):
        return [self.exact] + [s for s in self.fuzzy if s != self.exact]


@dataclass
class QueryPlan:
    groups: list[TermGroup]
    suggestion: str | None = None

    @property
    def all_stems(self):
        return {s for g in self.groups for s in g.stems}

    @property
    def has_fuzzy(self):
        return any(g.fuzzy for g in self.groups)


def clean_text(raw) -> str:
    """Printable characters only, whitespace collapsed, length capped: safe for any input."""
    # a control character separates words ("pajak\x00kendaraan" is two words), it never joins them
    text = "".join(ch if ch.isprintable() else " " for ch in str(raw or "")[: MAX_QUERY_CHARS * 4])
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def clean_filters(raw: dict) -> dict[str, list[str]]:
    """Keep known facet fields with short, plain values; anything else is dropped."""
    cleaned = {}
    for name in FACET_FIELDS:
        values = raw.get(name) or []
        if isinstance(values, str):
            values = [values]
        kept = []
        for value in values[:MAX_FILTER_VALUES]:
            value = str(value).strip()
            if value and len(value) <= 100 and all(ch.isalnum() or ch in "-_" for ch in value) and value not in kept:
                kept.append(value)
        if kept:
            cleaned[name] = kept
    return cleaned


def clean_sort(value, has_text) -> str:
    if value in SORTS:
        return value
    return "relevansi" if has_text else "terbaru"


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in ALPHABET if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in ALPHABET]
    return set(deletes + transposes + replaces + inserts)


def plan_query(text: str) -> QueryPlan:
    """Analyse the query against the index vocabulary (two small indexed queries at most)."""
    from .models import SearchWord

    words = []
    for token in tokenize(clean_text(text)):
        if token in STOPWORDS or token in words:
            continue
        words.append(token)
        if len(words) >= MAX_GROUPS:
            break
    groups = [TermGroup(word=w, exact=w if w.isdigit() else stem(w)) for w in words]
    if not groups:
        return QueryPlan(groups=[])

    known = set(SearchWord.objects.filter(stem__in={g.exact for g in groups}).values_list("stem", flat=True).distinct())
    unknown = [g for g in groups if g.exact not in known and len(g.word) >= MIN_TYPO_LENGTH and not g.word.isdigit()]
    if unknown:
        candidates = {}
        for group in unknown:
            for candidate in edits1(group.word):
                candidates.setdefault(candidate, []).append(group)
        rows = SearchWord.objects.filter(word__in=list(candidates)).order_by("-documents", "word")
        for word, word_stem, _documents in rows.values_list("word", "stem", "documents"):
            for group in candidates[word]:
                if word_stem not in group.fuzzy and len(group.fuzzy) < MAX_NEIGHBOURS:
                    group.fuzzy.append(word_stem)
                    group.correction = group.correction or word
    suggestion = None
    if any(g.correction for g in groups):
        suggestion = " ".join(g.correction or g.word for g in groups)
    return QueryPlan(groups=groups, suggestion=suggestion)


def normalized_query(text: str) -> str:
    """The form a query is counted under in the search log."""
    return " ".join(tokenize(normalize(clean_text(text))))[:200]
