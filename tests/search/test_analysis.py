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


# --- stemmer exceptions: the words Sastrawi's affix rules break, and the root they must meet ---

EXCEPTION_PAIRS = [
    ("perpajakan", "pajak"), ("perpajakannya", "pajak"), ("ketenagakerjaan", "tenaga kerja"),
    ("ketenagalistrikan", "tenaga listrik"), ("kewarganegaraan", "warga negara"), ("pendayagunaan", "daya guna"),
    ("peternakan", "ternak"), ("perbankan", "bank"), ("pengesahan", "sah"), ("penegakan", "tegak"),
    ("perawatan", "rawat"), ("pemrosesan", "proses"), ("pemberitahuan", "diberitahu"), ("kepelabuhanan", "pelabuhan"),
]


@pytest.mark.parametrize("derived, root", EXCEPTION_PAIRS)
def test_stemmer_exceptions_meet_their_root_both_ways(derived, root):
    assert analyze(derived) == analyze(root)
    assert analyze(f"layanan {derived} daerah") == analyze(f"layanan {root} daerah")


def test_every_exception_repairs_a_real_sastrawi_mistake():
    from search.analysis import STEM_EXCEPTIONS, _stemmer

    for word, root in STEM_EXCEPTIONS.items():
        assert _stemmer.stem(word) != root, word


def test_a_two_word_root_is_two_adjacent_terms():
    assert analyze("Dinas Ketenagakerjaan Kota") == ["dinas", "tenaga", "kerja", "kota"]
