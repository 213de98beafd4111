"""Indonesian demo content: innovation archetypes combined with real places and agencies."""

# (acronym, expansion, problem, solution, category slug, SDG numbers, tags)
ARCHETYPES = [
    ("SADELPOS", "Samsat Delivery Pos", "wajib pajak harus antre lama di kantor Samsat untuk mengesahkan STNK",
     "pengesahan STNK dan pembayaran pajak kendaraan dilayani lewat kantor pos lalu dokumen diantar ke rumah",
     "pertumbuhan-ekonomi", [8, 16], ["pajak kendaraan", "tanpa antre", "kemitraan"]),
    ("PAHALA", "Pelayanan Akta Kelahiran Langsung di Desa", "bayi di desa terpencil tidak memiliki akta kelahiran karena jarak ke kantor dukcapil",
     "petugas dukcapil jemput bola ke desa dan menerbitkan akta kelahiran di tempat", "administrasi-kependudukan",
     [16, 10], ["adminduk", "jemput bola", "desa"]),
    ("ANTAR OBAT", "Layanan Antar Obat Pasien Lansia", "pasien lansia kesulitan mengambil obat rutin di puskesmas",
     "obat rutin diantar oleh mitra ojek daring ke rumah pasien", "kesehatan", [3], ["kesehatan", "lansia", "kemitraan"]),
    ("POSYANDU DIGITAL", "Pos Pelayanan Terpadu Digital", "data tumbuh kembang balita dicatat manual dan sering hilang",
     "kader mencatat penimbangan balita di aplikasi sehingga kasus gizi buruk terdeteksi dini", "kesehatan",
     [2, 3], ["kesehatan ibu dan anak", "digitalisasi", "stunting"]),
    ("SIPINTAR", "Sistem Perizinan Terpadu Satu Pintu Daring", "pelaku usaha harus mendatangi banyak kantor untuk mengurus izin",
     "permohonan izin diajukan daring dan dipantau statusnya secara terbuka", "perizinan",
     [8, 9, 16], ["perizinan", "digitalisasi", "pelayanan terpadu"]),
    ("LAPOR CEPAT", "Layanan Pengaduan Masyarakat Cepat Tanggap", "pengaduan warga tidak tertangani dan tidak ada umpan balik",
     "pengaduan diterima melalui WhatsApp, diteruskan ke perangkat daerah, dan dipantau hingga selesai", "tata-kelola-pemerintahan",
     [16], ["pengaduan", "digitalisasi", "partisipasi"]),
    ("BANK SAMPAH CERIA", "Bank Sampah Cerdas Ramah Lingkungan", "sampah rumah tangga menumpuk dan dibuang ke sungai",
     "warga menabung sampah terpilah yang ditukar menjadi tabungan dan pembayaran iuran", "lingkungan-hidup",
     [11, 12, 13], ["lingkungan", "pemberdayaan", "desa"]),
    ("TELEPUS", "Telemedisin Puskesmas", "warga pulau kecil jauh dari dokter spesialis",
     "puskesmas terhubung dengan rumah sakit rujukan untuk konsultasi jarak jauh", "kesehatan",
     [3, 10], ["kesehatan", "telemedisin", "daerah terpencil"]),
    ("BEASISWA NELAYAN", "Beasiswa Anak Nelayan", "anak nelayan putus sekolah karena biaya",
     "beasiswa dan pendampingan belajar untuk anak keluarga nelayan", "pendidikan", [1, 4], ["pendidikan", "nelayan"]),
    ("SIGAP PANGAN", "Sistem Informasi Harga Pangan", "harga bahan pokok melonjak tanpa peringatan",
     "harga pangan dipantau harian dan operasi pasar dilakukan lebih cepat", "ketahanan-pangan",
     [2, 12], ["ketahanan pangan", "data"]),
    ("PEREMPUAN BERDAYA", "Pemberdayaan Perempuan Kepala Keluarga", "perempuan kepala keluarga sulit mengakses modal usaha",
     "pelatihan usaha dan akses kredit lunak untuk perempuan kepala keluarga", "pelayanan-responsif-gender",
     [5, 1, 8], ["gender", "pemberdayaan", "umkm"]),
    ("KLINIK HUKUM", "Klinik Bantuan Hukum Keliling", "warga miskin tidak mendapat pendampingan hukum",
     "paralegal berkeliling desa memberi konsultasi hukum gratis", "penegakan-hukum", [16, 10], ["hukum", "jemput bola"]),
]

# Who may run an archetype (a regency issues birth certificates, a state company does not) and
# the unit that runs it: acronym -> (agency types, unit name).
_LOCAL = ("pemkab", "pemkot")
_REGIONAL = ("pemprov", "pemkab", "pemkot")
RUNS = {
    "SADELPOS": (("pemprov",), "Badan Pendapatan Daerah (UPT Samsat)"),
    "PAHALA": (_LOCAL, "Dinas Kependudukan dan Pencatatan Sipil"),
    "ANTAR OBAT": (_LOCAL, "Dinas Kesehatan (Puskesmas)"),
    "POSYANDU DIGITAL": (_LOCAL, "Dinas Kesehatan"),
    "SIPINTAR": (_REGIONAL, "Dinas Penanaman Modal dan PTSP"),
    "LAPOR CEPAT": (_REGIONAL, "Dinas Komunikasi dan Informatika"),
    "BANK SAMPAH CERIA": (_LOCAL, "Dinas Lingkungan Hidup"),
    "TELEPUS": (_LOCAL, "Dinas Kesehatan"),
    "BEASISWA NELAYAN": (_REGIONAL, "Dinas Kelautan dan Perikanan"),
    "SIGAP PANGAN": (_REGIONAL, "Dinas Ketahanan Pangan"),
    "PEREMPUAN BERDAYA": (_LOCAL, "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    "KLINIK HUKUM": (_LOCAL, "Bagian Hukum Sekretariat Daerah"),
    "KREDIT PASAR": (("bumd",), "Divisi Usaha Mikro"),
}

# Innovations of the central agencies in the demo, one archetype each (same shape as ARCHETYPES).
CENTRAL_ARCHETYPES = {
    "Badan Pusat Statistik": ("PST DARING", "Pelayanan Statistik Terpadu Daring", "peneliti dan perangkat daerah menunggu berhari-hari untuk mendapat data statistik",
                              "permintaan data dan konsultasi statistik dilayani daring dengan tenggat yang dipantau", "tata-kelola-pemerintahan", [16, 17], ["data", "digitalisasi"]),
    "BPJS Kesehatan": ("ANTREAN JKN", "Antrean Daring Peserta JKN di Fasilitas Kesehatan", "peserta JKN antre sejak subuh di puskesmas dan rumah sakit",
                       "peserta mengambil nomor antrean dari ponsel dan datang sesuai jadwal", "kesehatan", [3], ["kesehatan", "tanpa antre"]),
    "PT Pos Indonesia (Persero)": ("POS BANSOS", "Penyaluran Bantuan Sosial Antar ke Rumah Lansia", "lansia dan penyandang disabilitas sulit datang ke titik penyaluran bantuan",
                                   "petugas pos mengantar bantuan sosial ke rumah penerima yang tidak dapat datang", "pengentasan-kemiskinan", [1, 10], ["bantuan sosial", "jemput bola"]),
    "PT PLN (Persero)": ("LISTRIK DESA", "Sambung Listrik Rumah Tangga Miskin di Desa Terpencil", "rumah tangga miskin di desa terpencil belum tersambung listrik",
                         "sambungan listrik dipasang bersama pemerintah desa dengan biaya yang dicicil", "pemberdayaan-masyarakat", [7, 1], ["energi", "desa"]),
    "Badan Amil Zakat Nasional": ("BEASISWA ZAKAT", "Beasiswa Zakat untuk Mahasiswa Kurang Mampu", "mahasiswa dari keluarga miskin berhenti kuliah karena biaya",
                                  "dana zakat disalurkan sebagai beasiswa dengan pendampingan belajar", "pendidikan", [4, 1], ["pendidikan", "beasiswa"]),
}

# BUMD archetype: a regional development bank's service
BUMD_ARCHETYPE = ("KREDIT PASAR", "Kredit Mikro Pedagang Pasar", "pedagang pasar terjerat rentenir karena sulit mendapat kredit bank",
                  "bank daerah membuka loket di pasar dan menyalurkan kredit mikro tanpa agunan", "pertumbuhan-ekonomi", [8, 1], ["umkm", "kredit"])

# The rule the demo keeps and the tests check: who may run an innovation of these categories.
GOVERNMENT = {"kementerian", "pemprov", "pemkab", "pemkot"}
CATEGORY_AGENCY_TYPES = {
    "administrasi-kependudukan": GOVERNMENT,
    "perizinan": GOVERNMENT,
    "penegakan-hukum": GOVERNMENT | {"lembaga"},
}

SECTIONS = {
    "background": "<p>Sebelum inovasi ini, {problem}. Kondisi tersebut dikeluhkan masyarakat {place} dan tercatat dalam survei kepuasan layanan.</p>",
    "objectives": "<p>Inovasi {acronym} bertujuan agar layanan lebih cepat, mudah, dan terjangkau bagi warga {place}.</p>",
    "novelty": "<p>Kebaruan {acronym}: {solution}, sesuatu yang belum pernah diterapkan di {place}.</p>",
    "implementation": "<p>{agency} menetapkan tim pelaksana, menyusun SOP, dan menerapkan inovasi sejak {year} secara bertahap.</p>",
    "impact": "<p>Waktu layanan turun rata-rata {pct} persen dan jumlah warga yang terlayani meningkat setiap tahun.</p>",
    "resources": "<p>Inovasi dijalankan oleh pegawai yang ada dengan dukungan anggaran rutin dan mitra setempat.</p>",
    "sustainability": "<p>Inovasi dikukuhkan melalui peraturan kepala daerah dan dianggarkan setiap tahun.</p>",
    "replication_potential": "<p>Model ini mudah direplikasi oleh daerah lain dengan karakter wilayah serupa.</p>",
    "challenges": "<p>Tantangan utama adalah keterbatasan jaringan internet dan perubahan kebiasaan petugas.</p>",
    "lessons_learned": "<p>Komitmen pimpinan dan keterlibatan masyarakat sejak awal menjadi kunci keberhasilan.</p>",
}
