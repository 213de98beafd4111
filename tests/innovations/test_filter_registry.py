"""Every consumer of the catalogue's filters follows innovations.filter_registry.

The catalogue form and queryset, the search facets (both engines' index documents, the embedded
index's columns, the Elasticsearch mapping), the facet labels and the API's parameters are all
checked against the registry, on names, order, labels and counts. The one declared exception
is ``replikasi``, a search-only facet. The last test reads the source of those consumers: a
hand-kept list of filters anywhere in them fails it, even one that happens to agree today.
"""
import ast
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import models
from django.http import QueryDict

from innovations.filter_registry import CATALOGUE_FILTERS, FILTERS, SEARCH_FILTERS
from innovations.filters import CatalogueFilter
from innovations.models import InnovationPage

from .test_catalogue import build_catalogue

CATALOGUE_NAMES = [f.name for f in CATALOGUE_FILTERS]
SEARCH_NAMES = [f.name for f in SEARCH_FILTERS]
SEARCH_ONLY = {"replikasi"}
ROOT = Path(__file__).resolve().parents[2]


def test_the_registry_declares_each_filter_once_with_what_its_consumers_need():
    names = [f.name for f in FILTERS]
    assert len(names) == len(set(names))
    assert set(SEARCH_NAMES) - set(CATALOGUE_NAMES) == SEARCH_ONLY
    assert set(CATALOGUE_NAMES) <= set(SEARCH_NAMES)  # every catalogue filter is a search facet
    for f in CATALOGUE_FILTERS:
        assert f.narrow is not None and f.api_description, f.name
        # a counted filter is in the catalogue's bitsets, from one source: its page column or rows
        if f.count is not None:
            assert bool(f.bits_column) != bool(f.pairs), f.name
            assert bool(f.pairs) == f.multi_valued, f.name
    for f in FILTERS:
        assert str(f.label), f.name


def test_catalogue_form_follows_the_registry(db):
    catalogue = CatalogueFilter(QueryDict())
    assert list(CatalogueFilter.FIELDS) == CATALOGUE_NAMES
    assert list(catalogue.selected) == CATALOGUE_NAMES
    assert [str(label) for label in CatalogueFilter.FIELDS.values()] == [str(f.label) for f in CATALOGUE_FILTERS]
    # the form shows every filter with a fixed vocabulary; free ones (tags) are links, not choices
    assert [name for name, _label, _options, _selected in catalogue.fields()] == [
        f.name for f in CATALOGUE_FILTERS if f.options is not None
    ]


def test_search_facets_and_labels_follow_the_registry():
    from search.base import FACET_FIELDS, SearchQuery
    from search.facets import MULTI_VALUED
    from search.labels import FACET_LABELS
    from search.query import clean_filters

    assert list(FACET_FIELDS) == SEARCH_NAMES
    assert SearchQuery().facets == FACET_FIELDS
    assert MULTI_VALUED == {f.name for f in SEARCH_FILTERS if f.multi_valued}
    assert {name: str(label) for name, label in FACET_LABELS.items()} == {f.name: str(f.label) for f in SEARCH_FILTERS}
    assert set(clean_filters({name: ["x"] for name in SEARCH_NAMES + ["bogus"]})) == set(SEARCH_NAMES)


def test_embedded_index_has_one_column_per_facet():
    from search.models import SearchEntry

    for f in SEARCH_FILTERS:
        column = SearchEntry._meta.get_field(f.name)
        if f.max_length is None:
            assert isinstance(column, models.TextField), f.name
        else:
            assert isinstance(column, models.CharField) and column.max_length == f.max_length, f.name


@pytest.mark.django_db  # the index settings carry the vocabulary, read from the database
def test_elasticsearch_mapping_has_one_keyword_per_facet():
    from search.documents import concrete_index

    properties = concrete_index("uji").to_dict()["mappings"]["properties"]
    for name in SEARCH_NAMES:
        assert properties[name] == {"type": "keyword"}, name


def test_api_parameters_follow_the_registry():
    from api.views import api

    schema = api.get_openapi_schema()
    operation = next(
        methods["get"] for methods in schema["paths"].values() if methods["get"]["operationId"] == "daftar_inovasi"
    )
    parameters = [p for p in operation["parameters"] if p["name"] not in ("halaman", "per_halaman", "urutkan")]
    assert [p["name"] for p in parameters] == CATALOGUE_NAMES
    for parameter, f in zip(parameters, CATALOGUE_FILTERS):
        assert parameter["in"] == "query" and not parameter["required"], f.name
        assert parameter["description"] == f.api_description, f.name
        assert parameter["schema"]["type"] == "array" and parameter["schema"]["items"] == {"type": "string"}, f.name


def test_api_guide_documents_every_filter():
    """docs/api.md is written by hand: a new filter must be documented there too."""
    guide = (ROOT / "docs" / "api.md").read_text()
    table = guide.split("### Innovations", 1)[1].split("| parameter | values |", 1)[1].split("\n\n", 1)[0]
    documented = [line.split("`")[1] for line in table.splitlines() if line.startswith("| `")]
    assert documented == [*CATALOGUE_NAMES, "urutkan"]


@pytest.fixture
def indexed_catalogue(db):
    from search.embedded import EmbeddedEngine

    build_catalogue()
    engine = EmbeddedEngine()
    engine.rebuild()
    return engine


def test_index_documents_carry_every_facet_in_both_engines(indexed_catalogue):
    from search.documents import InnovationDocument
    from search.indexing import iter_documents
    from search.models import SearchEntry

    documents = [doc for chunk in iter_documents() for doc in chunk]
    assert len(documents) == 4
    entries = {row["id"]: row for row in SearchEntry.objects.values("id", *SEARCH_NAMES)}
    for doc in documents:
        assert list(doc.facets) == SEARCH_NAMES
        source = InnovationDocument.from_index_document(doc).to_dict()
        for f in SEARCH_FILTERS:
            value = doc.facets[f.name]
            assert isinstance(value, list) == f.multi_valued, f.name
            stored = entries[doc.id][f.name]
            if f.multi_valued:
                assert stored == (f"|{'|'.join(value)}|" if value else ""), f.name
                assert source.get(f.name, []) == value, f.name
            else:
                assert stored == value and source.get(f.name, "") == value, f.name


def test_catalogue_and_search_find_the_same_innovations_for_every_value(indexed_catalogue):
    """For each catalogue filter and value: the catalogue's (and so the API's) result count is
    the search facet's count, and the search label is the catalogue's option label."""
    from search.base import SearchQuery
    from search.labels import _labels

    facets = indexed_catalogue.search(SearchQuery(text="")).facets
    options = CatalogueFilter(QueryDict()).options
    live = InnovationPage.objects.live().public()
    checked = 0
    for f in CATALOGUE_FILTERS:
        offered = options[f.name]
        values = [o.value for o in offered] if offered is not None else list(facets[f.name])
        counts = {}
        for value in values:
            found = CatalogueFilter(QueryDict(urlencode({f.name: value}))).apply(live).count()
            if found:
                counts[value] = found
        assert counts == facets[f.name], f.name
        assert counts, f"the corpus gives {f.name} no value to compare"
        checked += len(counts)
        if offered is not None:
            labels = _labels(f.name, list(counts))
            assert {v: labels.get(v) for v in counts} == {o.value: o.label for o in offered if o.value in counts}, f.name
    assert checked >= 20


# --- no consumer keeps a list of its own ---------------------------------------------------

CONSUMERS = ("innovations", "search", "api")
#: The most filter names one function, class body or module body may mention by hand.
MAX_NAMES = 3
#: Places that share names with the filters without being a list of them, and why.
NOT_FILTER_LISTS = {
    "api.schemas.Innovation": "the API's innovation record: its fields, not filter parameters",
    "api.routers.innovations._innovation": "fills that record",
    "api.routers.innovations": "the record's list fields (_LIST_NAMES), read in one query",
    "api.routers.innovations._related": "fills those list fields of the record",
}
TRANSLATION_CALLS = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext"}


def _names_mentioned(nodes, names):
    """Filter names a piece of code spells out: strings, attributes, keywords, assignments
    (text passed to gettext is a label, not a reference)."""
    labels = set()
    for node in nodes:
        for n in ast.walk(node):
            if isinstance(n, ast.Call) and getattr(n.func, "id", None) in TRANSLATION_CALLS:
                labels.update(id(arg) for arg in n.args)
    found = set()
    for node in nodes:
        for n in ast.walk(node):
            if isinstance(n, ast.Constant) and n.value in names and id(n) not in labels:
                found.add(n.value)
            elif isinstance(n, ast.Attribute) and n.attr in names:
                found.add(n.attr)
            elif isinstance(n, ast.keyword) and n.arg in names:
                found.add(n.arg)
            elif isinstance(n, ast.Name) and n.id in names and isinstance(n.ctx, ast.Store):
                found.add(n.id)
    return found


def _code_units(body, qualname):
    """(qualified name, statements) for a module, each class body and each function."""
    own = []
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield from _code_units(node.body, f"{qualname}.{node.name}")
        else:
            own.append(node)
    yield qualname, own


def hand_kept_lists(root, names):
    found = {}
    for app in CONSUMERS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts or path.name == "filter_registry.py":
                continue
            module = ".".join(path.relative_to(root).with_suffix("").parts)
            for qualname, nodes in _code_units(ast.parse(path.read_text()).body, module):
                mentioned = _names_mentioned(nodes, names)
                if len(mentioned) > MAX_NAMES and qualname not in NOT_FILTER_LISTS:
                    found[qualname] = sorted(mentioned)
    return found


def test_no_consumer_keeps_its_own_list_of_filters():
    assert hand_kept_lists(ROOT, {f.name for f in FILTERS}) == {}


def test_the_source_check_finds_a_hand_kept_list(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "labels.py").write_text(
        "from django.utils.translation import gettext_lazy as _\n"
        "LABELS = {'hub': _('Hub'), 'provinsi': _('Provinsi'), 'kategori': _('Kategori'), 'tag': _('Tag')}\n"
        "def labels(name):\n"
        "    if name == 'hub':\n        return 1\n"
        "    return {'sdg': 2, 'tahun': 3}.get(name)\n"
        "class Doc:\n    hub = 1\n    status = 2\n    tahun = 3\n    kategori = 4\n"
        "    title = _('tag'), _('sdg'), _('status'), _('provinsi')\n"
    )
    assert hand_kept_lists(tmp_path, {f.name for f in FILTERS}) == {
        "search.labels": ["hub", "kategori", "provinsi", "tag"],
        "search.labels.Doc": ["hub", "kategori", "status", "tahun"],
    }
