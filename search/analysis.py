"""Indonesian text analysis shared by every search engine.

Both engines index and query the *same* pre-analysed terms, produced here in Python, so they
agree on morphology: Sastrawi's dictionary-based stemmer maps derived words to their root in
both directions (pelayanan/layanan -> layan, kependudukan/penduduk -> duduk), which the
Snowball Indonesian stemmer shipped by PostgreSQL and Elasticsearch does not. Common spelling
variants (ijin/izin, propinsi/provinsi, antri/antre) are folded before stemming.
"""
import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

_stemmer = StemmerFactory().create_stemmer()

TOKEN_RE = re.compile(r"[0-9a-z]+")

#: Non-standard spellings -> standard (KBBI) spelling. Applied inside words only when the
#: result stems to the standard root, so "perijinan" becomes "perizinan" but unrelated
#: words that merely contain the letters are left alone.
SPELLING_VARIANTS = {
    "ijin": "izin",
    "propinsi": "provinsi",
    "antri": "antre",
    "praktek": "praktik",
    "resiko": "risiko",
    "sistim": "sistem",
    "apotik": "apotek",
    "kwalitas": "kualitas",
    "aktifitas": "aktivitas",
    "kreatifitas": "kreativitas",
    "produktifitas": "produktivitas",
    "jadual": "jadwal",
    "ijasah": "ijazah",
    "himbau": "imbau",
    "obyek": "objek",
    "subyek": "subjek",
    "analisa": "analisis",
    "tehnik": "teknik",
    "tehnologi": "teknologi",
    "nopember": "november",
    "pebruari": "februari",
    "silahkan": "silakan",
    "ekstrim": "ekstrem",
    "hutang": "utang",
    "kadaluarsa": "kedaluwarsa",
}

#: Words Sastrawi's affix rules break, with the root they must meet (found by running Sastrawi
#: over the demo's vocabulary, the public-service vocabulary and the per-/pe-/ke-...-an forms of
#: public-service roots; see docs/search.md). A root of two words is indexed and queried as two
#: adjacent terms, so "ketenagakerjaan" meets "tenaga kerja". ``tests/search/test_analysis.py``
#: checks every pair both ways. Changing this list changes indexed terms: its fingerprint
#: (``rules_fingerprint``) raises the stemmer version at the next ``migrate``, which rebuilds
#: the indexes built with the old list (search.stemmer_version).
STEM_EXCEPTIONS = {
    "perpajakan": "pajak",             # Sastrawi: paja
    "ketenagakerjaan": "tenaga kerja",  # left whole
    "ketenagalistrikan": "tenaga listrik",
    "kewarganegaraan": "warga negara",
    "pendayagunaan": "daya guna",
    "peternakan": "ternak",            # Sastrawi: terna
    "perbankan": "bank",               # Sastrawi: perban (a bandage)
    "pengesahan": "sah",               # Sastrawi: kesah
    "penegakan": "tegak",              # Sastrawi: tega
    "perawatan": "rawat",              # Sastrawi: awat
    "perawat": "rawat",
    "pemrosesan": "proses",            # left whole
    "pemberitahuan": "tahu",           # left whole
    "beritahu": "tahu",
    "memberitahukan": "tahu",
    "diberitahu": "tahu",
    "diberitahukan": "tahu",
    "kepelabuhanan": "labuh",          # left whole; pelabuhan -> labuh
}
#: particles that may follow a word ("perpajakannya") and leave its root unchanged
PARTICLES = ("nya", "lah", "kah")

STOPWORDS = frozenset(
    ["yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam", "oleh", "atau", "ini", "itu", "adalah", "sebagai", "juga", "karena", "agar", "supaya", "tanpa", "bagi", "akan", "telah", "sudah", "belum", "bisa", "dapat", "tidak", "bukan", "ada", "para", "serta", "maupun", "secara", "hingga", "sampai", "melalui", "terhadap", "tentang", "antara", "kepada", "sang", "si", "pun", "lah", "kah", "nya", "the", "of", "and", "for", "to", "in", "on", "with", "a", "an"]
)


def rules_fingerprint() -> str:
    """A digest of everything on top of Sastrawi that decides an indexed term: the stemmer
    exceptions, the particles they tolerate, the spelling variants, and Sastrawi's own version.
    Two processes with the same fingerprint index the same terms."""
    try:
        sastrawi = package_version("Sastrawi")
    except PackageNotFoundError:  # pragma: no cover -- installed from requirements.txt
        sastrawi = ""
    rules = {"exceptions": sorted(STEM_EXCEPTIONS.items()), "particles": list(PARTICLES),
             "variants": sorted(SPELLING_VARIANTS.items()), "sastrawi": sastrawi}
    return hashlib.sha256(json.dumps(rules, sort_keys=True).encode()).hexdigest()[:32]


def normalize(text: str) -> str:
    """Lower-case, strip accents and control characters."""
    text = text or ""
    if text.isascii():  # nearly all text: no accents to strip, skip the per-character pass
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(normalize(text))


def _exception(word):
    if word in STEM_EXCEPTIONS:
        return STEM_EXCEPTIONS[word]
    for particle in PARTICLES:
        if word.endswith(particle) and word[: -len(particle)] in STEM_EXCEPTIONS:
            return STEM_EXCEPTIONS[word[: -len(particle)]]
    return None


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The root of one lower-case word, with spelling variants folded to the standard form.

    A root may be two words ("tenaga kerja", from ``STEM_EXCEPTIONS``); ``analyze`` splits it."""
    exception = _exception(word)
    if exception:
        return exception
    for variant, standard in SPELLING_VARIANTS.items():
        if variant in word:
            candidate = word.replace(variant, standard)
            candidate_root = _stemmer.stem(candidate)
            if standard.startswith(candidate_root) or candidate_root.startswith(standard[:4]):
                return candidate_root
    return _stemmer.stem(word) or word


def analyze(text: str, keep_stopwords: bool = False) -> list[str]:
    """Terms for indexing or querying: tokens, minus stop words, stemmed."""
    terms = []
    for token in tokenize(text):
        if not keep_stopwords and token in STOPWORDS:
            continue
        terms.extend([token] if token.isdigit() else stem(token).split())
    return terms
