"""Reference vocabularies that every installation starts with (SDGs, award tiers, categories).

Used by a data migration and by ``seed_demo``; administrators edit them afterwards.
"""
SDGS = [
    (1, "Tanpa Kemiskinan", "#e5243b"),
    (2, "Tanpa Kelaparan", "#dda63a"),
    (3, "Kehidupan Sehat dan Sejahtera", "#4c9f38"),
    (4, "Pendidikan Berkualitas", "#c5192d"),
    (5, "Kesetaraan Gender", "#ff3a21"),
    (6, "Air Bersih dan Sanitasi Layak", "#26bde2"),
    (7, "Energi Bersih dan Terjangkau", "#fcc30b"),
    (8, "Pekerjaan Layak dan Pertumbuhan Ekonomi", "#a21942"),
    (9, "Industri, Inovasi dan Infrastruktur", "#fd6925"),
    (10, "Berkurangnya Kesenjangan", "#dd1367"),
    (11, "Kota dan Permukiman yang Berkelanjutan", "#fd9d24"),
    (12, "Konsumsi dan Produksi yang Bertanggung Jawab", "#bf8b2e"),
    (13, "Penanganan Perubahan Iklim", "#3f7e44"),
    (14, "Ekosistem Lautan", "#0a97d9"),
    (15, "Ekosistem Daratan", "#56c02b"),
    (16, "Perdamaian, Keadilan dan Kelembagaan yang Tangguh", "#00689d"),
    (17, "Kemitraan untuk Mencapai Tujuan", "#19486a"),
]

# (slug, name, programme, rank): best tiers first.
AWARD_TIERS = [
    ("unpsa-winner", "UNPSA Winner", "unpsa", 1),
    ("unpsa-honourable-mention", "UNPSA Honourable Mention", "unpsa", 2),
    ("outstanding-achievement", "Outstanding Achievement (OAPSI)", "kipp", 5),
    ("top-9", "Top 9", "kipp", 9),
    ("top-25", "Top 25", "kipp", 25),
    ("top-35", "Top 35", "kipp", 35),
    ("top-40", "Top 40", "kipp", 40),
    ("top-45", "Top 45", "kipp", 45),
    ("top-5-replikasi", "Top 5 Replikasi", "kipp", 46),
    ("top-99", "Top 99", "kipp", 99),
    ("iga-terbaik", "IGA Terinovatif", "iga", 50),
    ("iga-sangat-inovatif", "IGA Sangat Inovatif", "iga", 60),
]

# KIPP 2021's ten categories plus the 2022 ones; categories change yearly, so they are data.
CATEGORIES = [
    ("pengentasan-kemiskinan", "Pengentasan Kemiskinan"),
    ("pendidikan", "Pendidikan"),
    ("kesehatan", "Kesehatan"),
    ("ketahanan-pangan", "Ketahanan Pangan"),
    ("pertumbuhan-ekonomi", "Pertumbuhan Ekonomi dan Kesempatan Kerja"),
    ("pemberdayaan-masyarakat", "Pemberdayaan Masyarakat"),
    ("pelayanan-responsif-gender", "Pelayanan Publik Responsif Gender"),
    ("lingkungan-hidup", "Perlindungan dan Pelestarian Lingkungan Hidup"),
    ("tata-kelola-pemerintahan", "Tata Kelola Pemerintahan"),
    ("penegakan-hukum", "Penegakan Hukum"),
    ("pelayanan-inklusif", "Pelayanan Publik Inklusif dan Berkeadilan"),
    ("administrasi-kependudukan", "Administrasi Kependudukan"),
    ("perizinan", "Perizinan dan Investasi"),
]

# The official English short titles of the goals (UN), and the categories' English names: shown
# when a visitor chooses English (``name_en``; migration 0005 and ``seed_demo`` fill them).
SDG_NAMES_EN = {
    1: "No Poverty", 2: "Zero Hunger", 3: "Good Health and Well-being", 4: "Quality Education",
    5: "Gender Equality", 6: "Clean Water and Sanitation", 7: "Affordable and Clean Energy",
    8: "Decent Work and Economic Growth", 9: "Industry, Innovation and Infrastructure",
    10: "Reduced Inequalities", 11: "Sustainable Cities and Communities",
    12: "Responsible Consumption and Production", 13: "Climate Action", 14: "Life Below Water",
    15: "Life on Land", 16: "Peace, Justice and Strong Institutions", 17: "Partnerships for the Goals",
}
CATEGORY_NAMES_EN = {
    "pengentasan-kemiskinan": "Poverty Alleviation",
    "pendidikan": "Education",
    "kesehatan": "Health",
    "ketahanan-pangan": "Food Security",
    "pertumbuhan-ekonomi": "Economic Growth and Employment",
    "pemberdayaan-masyarakat": "Community Empowerment",
    "pelayanan-responsif-gender": "Gender-Responsive Public Services",
    "lingkungan-hidup": "Environmental Protection and Conservation",
    "tata-kelola-pemerintahan": "Governance",
    "penegakan-hukum": "Law Enforcement",
    "pelayanan-inklusif": "Inclusive and Fair Public Services",
    "administrasi-kependudukan": "Civil Registration",
    "perizinan": "Licensing and Investment",
}


def load_english_names(SDG, Category):
    """Fill the English names that are still empty (an administrator's own wording stays)."""
    for number, name_en in SDG_NAMES_EN.items():
        SDG.objects.filter(number=number, name_en="").update(name_en=name_en)
    for slug, name_en in CATEGORY_NAMES_EN.items():
        Category.objects.filter(slug=slug, name_en="").update(name_en=name_en)


def load_reference(SDG, AwardTier, Category, english=True):
    for number, name, color in SDGS:
        SDG.objects.update_or_create(number=number, defaults={"name": name, "color": color})
    for slug, name, programme, rank in AWARD_TIERS:
        AwardTier.objects.update_or_create(slug=slug, defaults={"name": name, "programme": programme, "rank": rank})
    for slug, name in CATEGORIES:
        Category.objects.get_or_create(slug=slug, defaults={"name": name})
    if english:  # False in migration 0002, before the English fields existed
        load_english_names(SDG, Category)
