"""Write static/img/areas/*.svg: one flat illustration per service area (innovation category),
shown on innovation cards that have no photo (see innovations/illustrations.py).

Each picture is a 480 × 320 (3:2, the cards' image ratio) tinted field with a soft horizon and
one simple pictogram in the area's own colour, drawn from basic shapes so it stays around 1 KB
and sharp at any size. Run ``python scripts/build_area_illustrations.py`` after editing.
"""
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "static/img/areas"

# slug: (background, mid, dark, pictogram). Shapes use {m} (mid) and {d} (dark).
AREAS = {
    "administrasi-kependudukan": ("#e6f0fb", "#7fb0e0", "#0b4f8a", """
<rect x="150" y="95" width="180" height="120" rx="14" fill="#fff" stroke="{d}" stroke-width="8"/>
<circle cx="200" cy="140" r="20" fill="{m}"/><path d="M172 190a28 22 0 0 1 56 0z" fill="{m}"/>
<path d="M248 135h58M248 160h58M248 185h38" stroke="{d}" stroke-width="8" stroke-linecap="round"/>"""),
    "kesehatan": ("#fdeaea", "#f08c8c", "#a31d2b", """
<path d="M240 232c-70-44-104-80-104-116a50 50 0 0 1 104-20a50 50 0 0 1 104 20c0 36-34 72-104 116z" fill="{m}"/>
<path d="M240 118v62M209 149h62" stroke="#fff" stroke-width="18" stroke-linecap="round"/>"""),
    "ketahanan-pangan": ("#fbf3df", "#e8c061", "#8a5a00", """
<path d="M150 160h180a90 70 0 0 1-180 0z" fill="{d}"/>
<g fill="{m}"><ellipse cx="200" cy="146" rx="10" ry="16"/><ellipse cx="228" cy="136" rx="10" ry="16"/><ellipse cx="256" cy="140" rx="10" ry="16"/><ellipse cx="282" cy="148" rx="10" ry="16"/><ellipse cx="242" cy="112" rx="10" ry="16"/></g>
<path d="M240 96c10-26 30-36 52-38c-4 24-22 38-52 38z" fill="#3d8b4f"/>"""),
    "pelayanan-inklusif": ("#eaf6f0", "#7cc9a0", "#1f6f3f", """
<circle cx="170" cy="128" r="22" fill="{m}"/><path d="M132 214a38 48 0 0 1 76 0z" fill="{m}"/>
<circle cx="310" cy="128" r="22" fill="{m}"/><path d="M272 214a38 48 0 0 1 76 0z" fill="{m}"/>
<circle cx="240" cy="112" r="28" fill="{d}"/><path d="M192 214a48 60 0 0 1 96 0z" fill="{d}"/>"""),
    "pelayanan-responsif-gender": ("#f4ecfb", "#b896e0", "#5b2d91", """
<circle cx="200" cy="140" r="42" fill="none" stroke="{d}" stroke-width="12"/>
<path d="M200 182v52M176 212h48" stroke="{d}" stroke-width="12" stroke-linecap="round"/>
<circle cx="284" cy="166" r="42" fill="none" stroke="{m}" stroke-width="12"/>
<path d="M314 136l32-32M320 104h26v26" stroke="{m}" stroke-width="12" stroke-linecap="round" fill="none"/>"""),
    "pemberdayaan-masyarakat": ("#fdf0e6", "#f2a66b", "#a13d00", """
<path d="M176 200l64-44l64 44M240 156v-44" stroke="{m}" stroke-width="8" fill="none"/>
<circle cx="240" cy="104" r="26" fill="{d}"/><circle cx="170" cy="206" r="24" fill="{m}"/><circle cx="310" cy="206" r="24" fill="{m}"/>
<path d="M228 104l8 8l16-18" stroke="#fff" stroke-width="7" fill="none" stroke-linecap="round"/>"""),
    "pendidikan": ("#e8f1fa", "#8db8e3", "#234a6b", """
<path d="M240 138c-30-16-62-20-96-16v96c34-4 66 0 96 16c30-16 62-20 96-16v-96c-34-4-66 0-96 16z" fill="#fff" stroke="{d}" stroke-width="8" stroke-linejoin="round"/>
<path d="M240 138v96" stroke="{d}" stroke-width="6"/>
<path d="M240 62l78 28l-78 28l-78-28z" fill="{m}"/><path d="M300 96v30" stroke="{m}" stroke-width="6"/>"""),
    "penegakan-hukum": ("#eef0f3", "#9aa7b5", "#2f3b4a", """
<path d="M240 76v146M196 228h88M150 104h180" stroke="{d}" stroke-width="9" stroke-linecap="round"/>
<path d="M150 104l-30 66h60zM330 104l-30 66h60z" fill="none" stroke="{m}" stroke-width="6" stroke-linejoin="round"/>
<path d="M118 170a32 18 0 0 0 64 0zM298 170a32 18 0 0 0 64 0z" fill="{m}"/><circle cx="240" cy="76" r="12" fill="{d}"/>"""),
    "pengentasan-kemiskinan": ("#fff1e8", "#f5a97f", "#9c3b12", """
<path d="M148 152l92-74l92 74" stroke="{d}" stroke-width="10" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
<path d="M170 146v84h140v-84" fill="#fff" stroke="{d}" stroke-width="8"/>
<path d="M240 214c-30-18-44-34-44-50a22 22 0 0 1 44-8a22 22 0 0 1 44 8c0 16-14 32-44 50z" fill="{m}"/>"""),
    "perizinan": ("#e9f6f7", "#6fc3c6", "#00595c", """
<path d="M176 70h96l36 36v144h-132z" fill="#fff" stroke="{d}" stroke-width="8" stroke-linejoin="round"/>
<path d="M272 70v36h36" fill="none" stroke="{d}" stroke-width="8" stroke-linejoin="round"/>
<path d="M198 124h60M198 148h84M198 172h50" stroke="{m}" stroke-width="8" stroke-linecap="round"/>
<circle cx="300" cy="218" r="34" fill="{d}"/><path d="M284 218l11 11l22-24" stroke="#fff" stroke-width="8" fill="none" stroke-linecap="round"/>"""),
    "lingkungan-hidup": ("#e9f5e6", "#86c878", "#2d6a23", """
<path d="M240 232v-70" stroke="#7a5230" stroke-width="12" stroke-linecap="round"/>
<circle cx="240" cy="124" r="56" fill="{m}"/><circle cx="200" cy="150" r="36" fill="{d}"/><circle cx="282" cy="150" r="36" fill="{d}"/>
<path d="M316 98c6-22 24-32 44-32c-2 22-20 34-44 32z" fill="{m}"/>"""),
    "pertumbuhan-ekonomi": ("#fbf6e3", "#e6c64f", "#7a5a00", """
<path d="M150 230h180" stroke="{d}" stroke-width="8" stroke-linecap="round"/>
<rect x="162" y="180" width="34" height="44" rx="4" fill="{m}"/><rect x="212" y="150" width="34" height="74" rx="4" fill="{m}"/>
<rect x="262" y="116" width="34" height="108" rx="4" fill="{d}"/>
<path d="M160 150l52-40l36 22l64-56M286 76h26v26" stroke="{d}" stroke-width="8" fill="none" stroke-linecap="round" stroke-linejoin="round"/>"""),
    "tata-kelola-pemerintahan": ("#f6e9ee", "#d98aa3", "#8a1538", """
<path d="M146 116l94-50l94 50z" fill="{d}"/><rect x="150" y="116" width="180" height="14" fill="{d}"/>
<g fill="{m}"><rect x="164" y="138" width="20" height="72"/><rect x="208" y="138" width="20" height="72"/><rect x="252" y="138" width="20" height="72"/><rect x="296" y="138" width="20" height="72"/></g>
<rect x="140" y="214" width="200" height="16" rx="3" fill="{d}"/>"""),
    "default": ("#eef3f6", "#9fb6c7", "#35556d", """
<path d="M240 70a58 58 0 0 0-34 105c8 7 12 15 12 25h44c0-10 4-18 12-25a58 58 0 0 0-34-105z" fill="{m}"/>
<path d="M218 214h44M222 232h36" stroke="{d}" stroke-width="9" stroke-linecap="round"/>
<path d="M240 42v-14M174 70l-10-10M306 70l10-10M156 128h-14M324 128h14" stroke="{d}" stroke-width="7" stroke-linecap="round"/>"""),
}

FRAME = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 320" width="480" height="320">'
    '<rect width="480" height="320" fill="{bg}"/>'
    '<path d="M0 262c90-22 190-26 290-12c80 11 140 8 190-4v74h-480z" fill="{m}" opacity=".28"/>'
    '<circle cx="420" cy="54" r="78" fill="{m}" opacity=".16"/><circle cx="44" cy="300" r="60" fill="{m}" opacity=".16"/>'
    "{body}</svg>\n"
)


def render(bg, mid, dark, body):
    body = " ".join(line.strip() for line in body.strip().splitlines()).replace("{m}", mid).replace("{d}", dark)
    return FRAME.replace("{bg}", bg).replace("{m}", mid).replace("{body}", body)


if __name__ == "__main__":
    TARGET.mkdir(parents=True, exist_ok=True)
    for slug, (bg, mid, dark, body) in AREAS.items():
        (TARGET / f"{slug}.svg").write_text(render(bg, mid, dark, body))
