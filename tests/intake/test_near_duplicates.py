"""The near-duplicate title check (issue 17): titles differing in a number are different
records; typos still merge; the check compares a title with its likely matches only."""
import difflib

import pytest

from intake.importer import MERGE_SIMILARITY, _norm, _TitleIndex, plan_import

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db


def test_titles_that_differ_by_a_stage_number_are_not_merged(intake_world):
    data = csv_bytes(
        "kipp,K-1,Gerakan Literasi Desa Tahap 1,Ringkas.,Pemerintah Kota Manado,2020",
        "iga,I-1,Gerakan Literasi Desa Tahap 2,Ringkas.,Pemerintah Kota Manado,2021",
        "iga,I-2,Gerakan Literasi Desa Tahap 1,Sumber kedua: digabung.,Pemerintah Kota Manado,2020",
    )
    plan = plan_import(data, "a.csv")
    assert plan.ok
    assert len(plan.new) == 2 and len(plan.merges) == 1
    assert plan.merges[0][0].identifier == "I-2"


def test_a_typo_still_merges(intake_world):
    data = csv_bytes(
        "kipp,K-1,Layanan Administrasi Kependudukan Keliling,Ringkas.,Pemerintah Kota Manado,2020",
        "iga,I-1,Layanan Adminstrasi Kependudukan Kelilling,Ringkas.,Pemerintah Kota Manado,2020",
    )
    plan = plan_import(data, "a.csv")
    assert len(plan.new) == 1 and len(plan.merges) == 1


WORDS = ["layanan", "akta", "kelahiran", "pajak", "kendaraan", "desa", "terpadu", "keliling", "sehat", "pintar", "pangan", "sampah", "perizinan", "usaha", "pengaduan", "puskesmas", "posyandu", "lansia", "ibu", "anak", "sekolah", "digital", "daring"]


def _titles(n, seed):
    import random

    rng = random.Random(seed)
    return [_norm(" ".join(rng.sample(WORDS, rng.randint(3, 6)))) for _ in range(n)]


def test_the_index_finds_what_comparing_every_pair_finds():
    """Same answers as the old pairwise scan on 400 titles with typos, without the pairs."""
    import random

    rng = random.Random(7)
    known = _titles(300, 1)
    queries = [t if rng.random() < 0.5 else t.replace("a", "", 1) for t in rng.sample(known, 100)] + _titles(100, 2)
    entries = [(title, i, title) for i, title in enumerate(known)]
    index = _TitleIndex(known + queries)
    for entry in entries:
        index.add(entry)

    def pairwise(title):
        best, best_ratio = None, MERGE_SIMILARITY
        for entry in entries:
            if entry[0] == title:
                return entry
            ratio = difflib.SequenceMatcher(None, title, entry[0], autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = entry, ratio
        return best

    assert [index.similar(q) for q in queries] == [pairwise(q) for q in queries]
