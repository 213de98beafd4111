"""The Indonesian public-service vocabulary: abbreviations and synonyms civil servants type.

Stored as data (``search/data/vocabulary.csv``, with the source of every entry), loaded into
``search.models.Synonym`` by migration 0006 and edited there by national administrators. Every
engine applies the same rules, built here from the same rows:

- the embedded engine expands the query (``search.query.plan_query``): a run of query words the
  vocabulary knows becomes one term group whose forms are the entry's analysed stems, matched
  as phrases;
- Elasticsearch gets a ``synonym_graph`` filter in the search analyzer of its term fields
  (``elasticsearch_rules``, used by ``search.documents.concrete_index``), and the query plan it
  receives groups the same words but leaves the expansion to that filter.

A term expands to all its equivalents; an equivalent expands to the term only (KIA is *kartu
identitas anak* and *kesehatan ibu dan anak*, which are not the same thing). Each change raises
``VocabularyVersion``: processes reload their copy on the next query, and a Celery task run after
the commit rebuilds the Elasticsearch index, whose synonym filter is fixed at creation.
"""
import csv
from pathlib import Path

from django.utils.translation import gettext as _

from .analysis import analyze, tokenize

DATA = Path(__file__).resolve().parent / "data" / "vocabulary.csv"
MAX_EQUIVALENTS = 10
MAX_PHRASE_WORDS = 8


def read_rows(path=DATA):
    """The vocabulary file's rows: term, equivalents (list), kind, domain, source."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            {"term": row["istilah"], "equivalents": [e.strip() for e in row["padanan"].split("|") if e.strip()],
             "kind": row["jenis"], "domain": row["bidang"], "source": row["sumber"]}
            for row in csv.DictReader(handle)
        ]


def clean_entry(term, equivalents):
    """Field errors (Indonesian) of a vocabulary entry, empty when it is usable."""
    errors = {}
    if not tokenize(term):
        errors["term"] = _("Istilah harus memuat huruf atau angka.")
    elif len(tokenize(term)) > MAX_PHRASE_WORDS:
        errors["term"] = _("Istilah paling banyak %(n)s kata.") % {"n": MAX_PHRASE_WORDS}
    elif not analyze(term):
        errors["term"] = _("Istilah hanya berisi kata umum (seperti 'dan', 'di') yang tidak dicari.")
    if not equivalents:
        errors["equivalents"] = _("Isi minimal satu padanan.")
    elif len(equivalents) > MAX_EQUIVALENTS:
        errors["equivalents"] = _("Paling banyak %(n)s padanan.") % {"n": MAX_EQUIVALENTS}
    else:
        for equivalent in equivalents:
            words = tokenize(equivalent)
            if not words or not analyze(equivalent):
                errors["equivalents"] = _("Padanan “%(text)s” tidak memuat kata yang dapat dicari.") % {"text": equivalent}
                break
            if len(words) > MAX_PHRASE_WORDS:
                errors["equivalents"] = _("Padanan “%(text)s” lebih dari %(n)s kata.") % {"text": equivalent, "n": MAX_PHRASE_WORDS}
                break
            if words == tokenize(term):
                errors["equivalents"] = _("Padanan tidak boleh sama dengan istilahnya.")
                break
    return errors


def _form(text):
    return " ".join(analyze(text))


class Vocabulary:
    """Query words (as a tuple of tokens) -> the analysed forms they stand for."""

    def __init__(self, entries):
        self.forms = {}
        for term, equivalents in entries:
            term_form = _form(term)
            if not term_form:
                continue
            self._add(tokenize(term), [term_form, *(_form(e) for e in equivalents)])
            for equivalent in equivalents:
                self._add(tokenize(equivalent), [_form(equivalent), term_form])
        self.longest = max((len(key) for key in self.forms), default=0)

    def _add(self, tokens, forms):
        key = tuple(tokens)
        if not key or len(key) > MAX_PHRASE_WORDS:
            return
        known = self.forms.setdefault(key, [])
        known.extend(f for f in forms if f and f not in known)

    def longest_match(self, tokens, start):
        """(end, forms) of the longest vocabulary entry at ``tokens[start:]``, else None."""
        for end in range(min(len(tokens), start + self.longest), start, -1):
            forms = self.forms.get(tuple(tokens[start:end]))
            if forms:
                return end, forms
        return None

    def elasticsearch_rules(self):
        """Explicit ``synonym_graph`` rules over the analysed forms, the same expansion."""
        rules = []
        for forms in self.forms.values():
            if len(forms) > 1:
                rules.append(f"{forms[0]} => {', '.join(forms)}")
        return sorted(set(rules))


_cache = {"version": None, "vocabulary": None}


def current_version():
    from .models import VocabularyVersion

    return VocabularyVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def load_vocabulary():
    from .models import Synonym

    return Vocabulary((s.term, s.equivalent_list) for s in Synonym.objects.filter(active=True).only("term", "equivalents"))


def current_vocabulary():
    """This process's copy of the vocabulary, reloaded when its version changed (one primary-key read)."""
    version = current_version()
    if _cache["version"] != version or _cache["vocabulary"] is None:
        _cache["vocabulary"] = load_vocabulary()
        _cache["version"] = version
    return _cache["vocabulary"]


def bump_version():
    """Raise the vocabulary's version (in the caller's transaction); returns the new number."""
    from django.db.models import F

    from .models import VocabularyVersion

    VocabularyVersion.objects.get_or_create(pk=1)
    VocabularyVersion.objects.filter(pk=1).update(number=F("number") + 1)
    return current_version()
