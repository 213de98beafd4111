"""From what a visitor typed to what the engines look for, identically for both engines.

A query becomes term groups, one per word: the word's Sastrawi stem and, when that stem is
not in the index vocabulary and the word has five letters or more, the stems of vocabulary
words one edit away (a wrong, missing, extra or swapped letter). The engines rank documents
that match every group's exact stem first, then those that match every group through a typo
correction, then those that match only some groups, so exact matches stay above corrected
ones and all-word matches above partial ones. Filter values are cleaned here too.
"""
from dataclasses import dataclass, field

from .analysis import STOPWORDS, analyze, normalize, stem, tokenize
from .base import FACET_FIELDS, SORTS

MAX_QUERY_CHARS = 200
MAX_GROUPS = 12
MIN_TYPO_LENGTH = 5
MAX_NEIGHBOURS = 4
MAX_FILTER_VALUES = 20
ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class TermGroup:
    """One word of the query (or one phrase the vocabulary knows) and what may stand for it.

    Every form is a stem, or several stems joined by spaces, which the engines match as a
    phrase (``surat terang catat polisi``)."""

    word: str
    exact: str
    #: forms from the public-service vocabulary (search.vocabulary): as good as the exact stem
    synonyms: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    correction: str | None = None  # the most frequent vocabulary word one edit away
    #: in how many documents the group's rarest exact form occurs (for the idf of the ranking)
    documents: int = 0

    @property
    def exact_forms(self):
        return list(dict.fromkeys([self.exact, *self.synonyms]))

    @property
    def stems(self):
        return self.exact_forms + [s for s in self.fuzzy if s not in self.exact_forms]


@dataclass
class QueryPlan:
    groups: list[TermGroup]
    suggestion: str | None = None
    #: the whole query in the form titles and acronyms are compared in (search.indexing.match_key)
    key: str = ""

    @property
    def all_stems(self):
        return {word for g in self.groups for form in g.stems for word in form.split()}

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


def _groups(tokens, expand):
    """Term groups of the query's tokens: a run of tokens the vocabulary knows becomes one group
    whose forms are its equivalents' stems (with ``expand``); each other word is a group."""
    from .vocabulary import current_vocabulary

    vocabulary = current_vocabulary()
    groups, seen, i = [], set(), 0
    while i < len(tokens) and len(groups) < MAX_GROUPS:
        found = vocabulary.longest_match(tokens, i) if vocabulary else None
        if found:
            end, forms = found
            words = " ".join(tokens[i:end])
            exact = " ".join(analyze(words)) or words
            synonyms = [f for f in forms if f != exact] if expand else []
            group = TermGroup(word=words, exact=exact, synonyms=synonyms)
            i = end
        else:
            token = tokens[i]
            i += 1
            if token in STOPWORDS:
                continue
            group = TermGroup(word=token, exact=token if token.isdigit() else stem(token))
        if group.exact and group.word not in seen:
            seen.add(group.word)
            groups.append(group)
    return groups


def plan_query(text: str, expand: bool = True) -> QueryPlan:
    """Analyse the query against the vocabularies (three small indexed queries at most).

    ``expand=False`` groups the words the public-service vocabulary knows but leaves their
    expansion out: Elasticsearch applies it itself, with the synonym filter of its index
    (search.documents)."""
    from .models import SearchWord

    tokens = tokenize(clean_text(text))[: MAX_GROUPS * 4]
    groups = _groups(tokens, expand)
    if not groups:
        return QueryPlan(groups=[])

    single = {word for g in groups for form in g.exact_forms for word in form.split()}
    frequency = {}
    for word_stem, documents in SearchWord.objects.filter(stem__in=single).values_list("stem", "documents"):
        frequency[word_stem] = max(documents, frequency.get(word_stem, 0))
    known = set(frequency)
    for group in groups:
        # a phrase occurs at most as often as its rarest word; a group as often as its commonest form
        group.documents = max(min(frequency.get(w, 0) for w in form.split()) for form in group.exact_forms)
    unknown = [
        g for g in groups
        if g.exact not in known and not g.synonyms and len(g.word) >= MIN_TYPO_LENGTH and g.word.isalnum()
        and not g.word.isdigit()
    ]
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
                    group.documents = max(group.documents, _documents)
    suggestion = None
    if any(g.correction for g in groups):
        suggestion = " ".join(g.correction or g.word for g in groups)
    return QueryPlan(groups=groups, suggestion=suggestion, key=match_key(text))


def match_key(text: str) -> str:
    """The whole query as titles and acronyms are keyed for an exact match (search.indexing)."""
    return " ".join(tokenize(clean_text(text)))[:255]


def normalized_query(text: str) -> str:
    """The form a query is counted under in the search log."""
    return " ".join(tokenize(normalize(clean_text(text))))[:200]
