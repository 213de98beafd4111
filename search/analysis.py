"""Indonesian text analysis shared by every search engine.

Both engines index and query the *same* pre-analysed terms, produced here in Python, so they
agree on morphology: Sastrawi's dictionary-based stemmer maps derived words to their root in
both directions (pelayanan/layanan -> layan, kependudukan/penduduk -> duduk), which the
Snowball Indonesian stemmer shipped by PostgreSQL and Elasticsearch does not. Common spelling
variants (ijin/izin, propinsi/provinsi, antri/antre) are folded before stemming.
"""
import re
import unicodedata
from functools import lru_cache

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

STOPWORDS = frozenset(
    ["yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam", "oleh", "atau", "ini", "itu", "adalah", "sebagai", "juga", "karena", "agar", "supaya", "tanpa", "bagi", "akan", "telah", "sudah", "belum", "bisa", "dapat", "tidak", "bukan", "ada", "para", "serta", "maupun", "secara", "hingga", "sampai", "melalui", "terhadap", "tentang", "antara", "kepada", "sang", "si", "pun", "lah", "kah", "nya", "the", "of", "and", "for", "to", "in", "on", "with", "a", "an"]
)


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


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The root of one lower-case word, with spelling variants folded to the standard form."""
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
        terms.append(token if token.isdigit() else stem(token))
    return terms
