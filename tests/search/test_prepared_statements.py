"""Issue 16: on PostgreSQL the statements a connection repeats are prepared by the server
(``DATABASE_PREPARED``), and the search engine writes its tsquery into the statement so that no
generic plan parses ``to_tsquery($1)`` again for every row it scores (search.ranking.tsquery_sql)."""
import pytest
from django.conf import settings as django_settings
from django.db import connection

from innovations.factories import InnovationPageFactory
from search.base import SearchQuery
from search.embedded import EmbeddedEngine
from search.ranking import tsquery_sql

pytestmark = pytest.mark.django_db

TITLES = [
    ("Akta Kelahiran Keliling", "Petugas menerbitkan akta kelahiran di desa."),
    ("Pengaduan Warga Terpadu", "Kanal pengaduan masyarakat satu pintu."),
    ("Layanan Kesehatan Lansia", "Kunjungan rumah untuk lansia."),
    ("Akta Cepat", "Akta kelahiran dan kematian dalam sehari."),
]


@pytest.mark.parametrize("hostile", ["akta' OR 1=1 --", "akta;drop", "akta\\", "Akta", "akta:C", "akta%s", "", "a" * 5000 + "'"])
def test_only_stems_and_operators_are_written_into_the_sql(hostile):
    with pytest.raises(ValueError):
        tsquery_sql(hostile)


def test_an_expression_of_stems_and_operators_is_written_in():
    assert tsquery_sql("(akta:A | lahir <-> akta:AB) & !kk") == "to_tsquery('simple', '(akta:A | lahir <-> akta:AB) & !kk')"


def test_repeated_searches_are_prepared_without_a_tsquery_parameter(hub_a, settings):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    assert django_settings.DATABASES["default"]["OPTIONS"].get("server_side_binding") is True
    for title, summary in TITLES:
        InnovationPageFactory(parent=hub_a, title=title, acronym="", summary=summary)
    engine = EmbeddedEngine()
    engine.rebuild()
    settings.SEARCH_RANK_CAP = 1  # "akta" and "kelahiran" also take the ranked-window path
    queries = ["akta kelahiran", "pengaduan masyarakat", "akta", "lansia kesehatan", "akte kelahiran"]
    first = [[hit.id for hit in engine.search(SearchQuery(text=text, facets=["provinsi"])).hits] for text in queries]
    for _ in range(3):
        again = [[hit.id for hit in engine.search(SearchQuery(text=text, facets=["provinsi"])).hits] for text in queries]
        assert again == first
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    searches = [sql for sql in prepared if "search_searchentry" in sql]
    assert searches, "no search statement was prepared: is DATABASE_PREPARED on?"
    assert any("ts_rank" in sql for sql in searches)
    assert not [sql for sql in prepared if "to_tsquery('simple', $" in sql]
    assert all(len(hits) > 0 for hits in first)
