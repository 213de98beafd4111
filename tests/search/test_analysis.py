"""Indonesian analysis: the morphology pairs the search issue requires, in both directions."""
import pytest

from search.analysis import analyze, stem

PAIRS = [
    ("pelayanan", "layanan"),
    ("perizinan", "izin"),
    ("kependudukan", "penduduk"),
    ("pembayaran", "bayar"),
    ("kesehatan", "sehat"),
    ("keberlanjutan", "berlanjut"),
    ("pemberdayaan", "berdaya"),
    ("perlindungan", "lindungi"),
]


@pytest.mark.parametrize("derived,root", PAIRS)
def test_derived_word_and_root_share_a_stem(derived, root):
    assert stem(derived) == stem(root)


@pytest.mark.parametrize("variant,standard", [("perijinan", "perizinan"), ("ijin", "izin"), ("propinsi", "provinsi"), ("antri", "antre")])
def test_spelling_variants_fold_to_the_standard_form(variant, standard):
    assert stem(variant) == stem(standard)


def test_variant_folding_leaves_unrelated_words_alone():
    # "dijinakkan" contains the letters "ijin" but is "jinak" (tame), not "izin".
    assert stem("dijinakkan") == "jinak"


def test_perempuan_is_not_overstemmed():
    assert stem("perempuan") == "perempuan"


def test_analyze_drops_stopwords_and_keeps_numbers():
    assert analyze("Layanan akta kelahiran untuk desa terpencil 2024") == ["layan", "akta", "lahir", "desa", "pencil", "2024"]


def test_analyze_survives_hostile_input():
    assert analyze("\x00 ' \" OR 1=1; -- 🚀 NEAR(a b) *") == ["or", "1", "1", "near", "b"]
