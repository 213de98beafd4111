"""Storage of the embedded search engine, and the search log both engines write to.

``SearchEntry`` is one row per live innovation holding exactly the ``IndexDocument`` of
``search.indexing``: display text for snippets, pre-analysed term fields, facet values and sort
keys. The full-text index over the term fields is database-specific and created by the
migration: an external-content FTS5 table kept in step by triggers on SQLite, a generated
``tsvector`` column with a GIN index on PostgreSQL. The ORM never touches those directly.

The facet columns come from ``innovations.filter_registry``, so a new filter needs no edit
here, only the migration ``makemigrations`` writes. Many-valued facets are stored as ``|a|b|``
strings; the engine never reads them per query but loads all facet values into the in-memory
bitset index of ``search.facets`` when the index changes (``SearchState.token``).
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from innovations.filter_registry import SEARCH_FILTERS


class SearchEntry(models.Model):
    id = models.PositiveIntegerField(primary_key=True)  # the InnovationPage pk
    url = models.CharField(max_length=1000)
    title = models.TextField()
    acronym = models.CharField(max_length=100, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    agency = models.TextField(blank=True)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    hub_title = models.CharField(max_length=255, blank=True)
    # one column per facet, added below from innovations.filter_registry
    year_started = models.PositiveSmallIntegerField(default=0)
    last_verified = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    title_sort = models.CharField(max_length=255, blank=True)
    replication_count = models.PositiveIntegerField(default=0)
    # tie-breaks of the relevance order (docs/search.md): an exact title or acronym match, the
    # best award tier (1000 minus its rank, 0 without award), then recency (published_at)
    title_key = models.CharField(max_length=255, blank=True)
    acronym_key = models.CharField(max_length=100, blank=True)
    award_score = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("entri indeks pencarian")
        # the exact-match tie-break of a ranking done in memory reads the ids of a key from these
        # alone (index-only scans, search.embedded)
        indexes = [models.Index(fields=["title_key", "id"], name="search_title_key"),
                   models.Index(fields=["acronym_key", "id"], name="search_acronym_key")]


for _filter in SEARCH_FILTERS:
    SearchEntry.add_to_class(_filter.name, _filter.column())


class SearchState(models.Model):
    """One row: a token every index write replaces, so each process knows when the in-memory
    facet index it holds (``search.facets``) is out of date."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    token = models.CharField(max_length=32)
    #: the stemmer version (``StemmerVersion.number``) the embedded index was last rebuilt with
    stemmer_version = models.PositiveIntegerField(default=0)


class SearchWord(models.Model):
    """The index vocabulary: a surface word, its stem, and in how many documents it occurs.

    Typo tolerance looks up the edit-distance-1 neighbours of an unknown query word here (one
    indexed ``IN`` query), and suggestions ("Mungkin maksud Anda") use the surface form.
    """

    word = models.CharField(max_length=60, primary_key=True)
    stem = models.CharField(max_length=60, db_index=True)
    documents = models.PositiveIntegerField(default=0)


class SearchSuggestion(models.Model):
    """One autocomplete target: an innovation (title/acronym), an agency or a tag."""

    class Kind(models.TextChoices):
        INOVASI = "inovasi", _("Inovasi")
        INSTANSI = "instansi", _("Instansi")
        TAG = "tag", _("Tag")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=100)  # innovation pk, agency pk or tag slug
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=1000)
    #: popularity and merit: award tier and public replications (search.embedded.suggestion_weight)
    weight = models.PositiveIntegerField(default=0)
    #: words the suggestion is also found by, not shown (an agency's abbreviation)
    extra = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="search_suggestion_unique_key")]


class SuggestionToken(models.Model):
    """Word-start index of suggestion labels: prefix lookups are B-tree range scans."""

    token = models.CharField(max_length=60)
    suggestion = models.ForeignKey(SearchSuggestion, on_delete=models.CASCADE, related_name="tokens")
    kind_rank = models.PositiveSmallIntegerField(default=0)
    #: the suggestion's weight, copied so a prefix range is read heaviest first from the index
    weight = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["kind_rank", "token", "-weight"], name="search_token_weight")]


class SearchLog(models.Model):
    """One row per submitted search (not per page or facet click) for the editors' report."""

    query = models.CharField(_("kata kunci"), max_length=200)
    normalized = models.CharField(max_length=200, db_index=True)
    results = models.PositiveIntegerField(_("jumlah hasil"))
    filters = models.JSONField(default=dict, blank=True)
    engine = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("log pencarian")
        verbose_name_plural = _("log pencarian")


class Synonym(models.Model):
    """One entry of the public-service vocabulary: a term (usually an abbreviation) and the words
    that mean the same, applied by every engine (docs/search.md, *Vocabulary*).

    A query holding the term also looks for each equivalent; a query holding an equivalent also
    looks for the term (not for the other equivalents: "KIA" is both *kartu identitas anak* and
    *kesehatan ibu dan anak*, which are not the same thing). Loaded from
    ``search/data/vocabulary.csv`` by migration 0006, then maintained here by national
    administrators; every change bumps ``VocabularyVersion`` and schedules the reindex it needs.
    """

    class Kind(models.TextChoices):
        SINGKATAN = "singkatan", _("Singkatan")
        SINONIM = "sinonim", _("Sinonim atau bentuk lain")

    term = models.CharField(_("istilah"), max_length=100, unique=True,
                            help_text=_("Kata atau singkatan yang diketik warga, misalnya SKCK."))
    equivalents = models.TextField(
        _("padanan"), help_text=_("Satu padanan per baris, misalnya: surat keterangan catatan kepolisian."),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.SINGKATAN)
    domain = models.CharField(_("bidang"), max_length=50, blank=True)
    source = models.CharField(_("sumber"), max_length=300, help_text=_("Peraturan, kamus atau lembaga yang memakai istilah ini."))
    active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("padanan kata pencarian")
        verbose_name_plural = _("kosakata pencarian")

    def __str__(self):
        return self.term

    @property
    def equivalent_list(self):
        return [line.strip() for line in self.equivalents.replace("|", "\n").splitlines() if line.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        from .vocabulary import clean_entry

        errors = clean_entry(self.term, self.equivalent_list)
        if errors:
            raise ValidationError(errors)
        self.term = " ".join(self.term.lower().split())
        self.equivalents = "\n".join(" ".join(e.lower().split()) for e in self.equivalent_list)


class VocabularyVersion(models.Model):
    """One row: the vocabulary's version, raised by every change, so each process knows when its
    copy is stale and Elasticsearch knows when its index's synonym filter is."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    number = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)


class StemmerVersion(models.Model):
    """One row: the version of the analysis rules on top of Sastrawi (the stemmer exceptions of
    ``search.analysis``), raised when their fingerprint changes (search.stemmer_version), so each
    engine knows when the terms it indexed are stale and rebuilds."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    number = models.PositiveIntegerField(default=0)
    #: ``search.analysis.rules_fingerprint()`` of that version
    fingerprint = models.CharField(max_length=64, blank=True)
    changed_at = models.DateTimeField(auto_now=True)


class SimilarInnovations(models.Model):
    """An innovation's "Inovasi serupa", computed when it is indexed (``search.similar``) so an
    innovation page reads one row instead of asking the engine. ``similar`` is ``|a|b|c|d|``,
    best first; a row with an empty list means "computed, nothing close"."""

    innovation_id = models.PositiveIntegerField(primary_key=True)
    similar = models.CharField(max_length=200, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    def ids(self):
        return [int(i) for i in self.similar.strip("|").split("|") if i]
