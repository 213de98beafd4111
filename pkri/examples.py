"""Example instruments, one per group: clearly labelled examples, NOT the official criteria
(which are not public). ``rules.prepare_instruments`` installs them in a cycle when no earlier
cycle has an instrument for the group; administrators edit or replace them in the admin.

Each indicator: (aspect, indicator, weight, evidence required, descriptors from score 1 up).
"""
from django.utils.translation import gettext_lazy as _

FIVE = lambda *levels: list(levels)

EXAMPLES = {
    "keberlanjutan": {
        "title": "Contoh instrumen Keberlanjutan Inovasi",
        "note": str(_("Contoh bawaan portal untuk uji coba, bukan kriteria resmi PKRI. Ganti dengan instrumen resmi.")),
        "indicators": [
            ("Pelembagaan", "Inovasi dilembagakan dengan regulasi (perda, perkada, SK)", 25, True, FIVE(
                "Belum ada dasar hukum", "Ada SK tim/kegiatan", "Ada SK kepala perangkat daerah",
                "Ada peraturan kepala daerah", "Ada peraturan daerah atau masuk dokumen perencanaan")),
            ("Sumber daya", "Anggaran berkelanjutan untuk inovasi", 20, True, FIVE(
                "Tidak dianggarkan", "Dianggarkan sekali", "Dianggarkan tidak rutin",
                "Dianggarkan rutin", "Dianggarkan rutin dan meningkat")),
            ("Sumber daya", "Petugas dan SOP tersedia", 15, True, FIVE(
                "Tidak ada petugas tetap", "Petugas ada tanpa SOP", "SOP disusun", "SOP ditetapkan dan dijalankan",
                "SOP dijalankan dan dievaluasi berkala")),
            ("Pemanfaatan", "Inovasi tetap digunakan masyarakat", 25, False, FIVE(
                "Tidak digunakan lagi", "Jarang digunakan", "Digunakan sebagian sasaran",
                "Digunakan sebagian besar sasaran", "Digunakan luas dan datanya terpantau")),
            ("Pengembangan", "Pengembangan sejak penghargaan", 15, False, FIVE(
                "Tidak ada perubahan", "Perbaikan kecil", "Fitur atau layanan baru",
                "Perluasan wilayah atau sasaran", "Pengembangan berbasis evaluasi dampak")),
        ],
    },
    "replikasi": {
        "title": "Contoh instrumen Replikasi Inovasi",
        "note": str(_("Contoh bawaan portal untuk uji coba, bukan kriteria resmi PKRI. Ganti dengan instrumen resmi.")),
        "indicators": [
            ("Jangkauan", "Jumlah instansi yang mereplikasi", 30, False, FIVE(
                "Belum ada", "1 instansi", "2-3 instansi", "4-5 instansi", "Lebih dari 5 instansi")),
            ("Kedalaman", "Tahap replikasi yang dicapai", 30, True, FIVE(
                "Minat", "Kesepakatan", "Implementasi", "Evaluasi", "Melembaga")),
            ("Dukungan", "Pendampingan bagi instansi replikator", 25, True, FIVE(
                "Tidak ada", "Berbagi dokumen", "Kunjungan atau bimbingan teknis",
                "Pendampingan berkala", "Pendampingan hingga melembaga")),
            ("Hasil", "Manfaat replikasi bagi pengguna layanan", 15, False, FIVE(
                "Belum terukur", "Terukur sebagian", "Ada manfaat terukur", "Manfaat sebanding dengan asal",
                "Manfaat melampaui inovasi asal")),
        ],
    },
    "pembina": {
        "title": "Contoh instrumen Instansi Pembina",
        "note": str(_("Contoh bawaan portal untuk uji coba, bukan kriteria resmi PKRI. Ganti dengan instrumen resmi.")),
        "indicators": [
            ("Kebijakan", "Kebijakan pembinaan inovasi (PermenPANRB 91/2021)", 35, True, FIVE(
                "Belum ada", "Dalam penyusunan", "Ditetapkan", "Ditetapkan dan dijalankan", "Dijalankan dan dievaluasi")),
            ("Penciptaan dan pengembangan", "Program penciptaan dan pengembangan inovasi", 35, False, FIVE(
                "Tidak ada", "Sesekali", "Tahunan", "Tahunan dengan pendampingan", "Tahunan, didampingi dan dievaluasi")),
            ("Pelembagaan", "Inovasi yang dilembagakan", 30, True, FIVE(
                "Tidak ada", "Sebagian kecil", "Sekitar separuh", "Sebagian besar", "Seluruhnya")),
        ],
    },
}
