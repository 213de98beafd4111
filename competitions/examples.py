"""The 2023 Kelompok Umum instrument of KIPP (shared/domain.md 2.1(a)): the labelled example a
first edition starts from; later editions copy their previous edition's instrument.

Each aspect: (name, weight %, word limit or None, guidance, evidence needed).
"""
UMUM_2023 = {
    "title": "Instrumen Kelompok Umum (aspek dan bobot KIPP 2023)",
    "aspects": [
        ("Ringkasan", 0, 200,
         "Gambaran singkat inovasi: masalah, apa yang dibuat, siapa yang terbantu dan hasilnya.", ""),
        ("Latar belakang dan tujuan", 10, 1000,
         "Masalah pelayanan publik yang dihadapi, penyebabnya, dan tujuan inovasi.",
         "Data kondisi sebelum inovasi"),
        ("Kebaruan", 15, 1000,
         "Apa yang baru atau berbeda dibanding cara sebelumnya dan praktik di tempat lain (nilai tambah).", ""),
        ("Implementasi", 5, 1000,
         "Tahapan penerapan, pihak yang terlibat dan perubahan proses layanan.",
         "Foto atau dokumen kegiatan penerapan"),
        ("Signifikansi", 30, 1000,
         "Dampak yang terukur bagi pengguna layanan dan instansi, dengan data sebelum dan sesudah.",
         "Data capaian atau survei kepuasan"),
        ("Adaptabilitas", 20, 1000,
         "Sejauh mana inovasi telah atau dapat direplikasi oleh unit atau instansi lain.",
         "Bukti replikasi atau permintaan replikasi"),
        ("Sumber daya", 5, 1000,
         "Sumber daya manusia, anggaran dan sarana yang digunakan.", ""),
        ("Strategi keberlanjutan", 15, 1000,
         "Bagaimana inovasi dijaga tetap berjalan: regulasi, anggaran rutin, pelembagaan.",
         "Regulasi atau dokumen anggaran"),
    ],
}

EXAMPLES = {"umum": UMUM_2023}
