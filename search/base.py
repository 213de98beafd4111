"""The one search interface every engine implements, and the result shape views rely on.

Views, templates and the API only ever see these classes; which engine answers is a setting
(``SEARCH_ENGINE``: ``embedded`` or ``elasticsearch``), never a branch in a view.

Filter semantics (both engines): values of one facet field are OR-ed, different fields are
AND-ed, and the text query is AND-ed with the filters. Facet counts are *multi-select*
counts: the counts of field F are computed with the text query and every filter except F's
own, so a selected value's count equals the number of results that carry it, and the counts
shown next to unselected values say how many results choosing them would add.
"""
from dataclasses import dataclass, field
from typing import Protocol

from innovations.filter_registry import SEARCH_FILTERS

#: Facet fields, by their public URL parameter (declared in innovations.filter_registry).
FACET_FIELDS = tuple(f.name for f in SEARCH_FILTERS)

#: Sort keys by URL value. "relevansi" is the default when there is a text query,
#: "terbaru" when there is none; "replikasi" puts the most replicated first.
SORTS = ("relevansi", "terbaru", "terverifikasi", "replikasi", "judul")


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevansi"
    page: int = 1
    per_page: int = 20
    #: facet fields to count (empty tuple: none)
    facets: tuple[str, ...] = FACET_FIELDS
    highlight: bool = True


@dataclass
class Hit:
    id: int                      # InnovationPage pk
    score: float = 0.0
    #: field name ("title", "summary", "body") -> HTML-escaped snippet with <mark>…</mark>
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    #: field -> {value: count}, only values with count > 0, plus selected values (even at 0)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    #: a corrected query when the text had likely typos and few/no results, else None
    suggestion: str | None = None
    engine: str = ""
    #: True when the configured engine failed and a fallback answered
    degraded: bool = False


@dataclass
class Suggestion:
    kind: str        # "inovasi", "instansi" or "tag"
    label: str       # what to show
    url: str         # where to go
    id: int | None = None


class SearchEngine(Protocol):
    name: str

    def search(self, query: SearchQuery) -> SearchResults: ...

    def autocomplete(self, prefix: str, limit: int = 8) -> list[Suggestion]: ...

    def similar(self, innovation_id: int, limit: int = 4) -> list[int]: ...

    def index(self, ids: list[int]) -> None:
        """(Re)index these innovations; ids no longer live are removed."""

    def delete(self, ids: list[int]) -> None: ...

    def rebuild(self, chunk_size: int = 1000, progress=None) -> int:
        """Rebuild everything from the database; return the number of indexed documents.

        ``progress``, when given, is called after each chunk with the number of documents
        that chunk indexed (``tqdm.update`` fits).
        """

    def count(self) -> int: ...

    def vocabulary_changed(self, version: int) -> bool:
        """The public-service vocabulary changed to ``version``: reindex if this engine applies
        it at index time; return whether it reindexed."""

    def stemmer_changed(self, version: int) -> bool:
        """The stemmer exceptions changed to ``version`` (search.stemmer_version): rebuild unless
        the index was built with that version or a later one; return whether it rebuilt."""

    def health(self) -> dict: ...
