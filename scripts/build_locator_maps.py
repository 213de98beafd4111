"""Build static/maps/lokasi/<code>.svg: Indonesia with one province picked out, the picture of a
hub card (and of any hub without a photo of its own), and ``nasional.svg`` for the national and
ministry hubs (the whole country). Reads the outlines of the portal's map
(static/maps/indonesia-provinces.json, built by build_province_map.py):

    python scripts/build_locator_maps.py

A province drawn inside another (Kalimantan Utara, the new Papua provinces; see the map's
SOURCE.md) picks out the shape that holds it.
"""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "static/maps/indonesia-provinces.json"
TARGET = ROOT / "static/maps/lokasi"

SEA, LAND, PICKED = "#eef3f8", "#cfd8e3", "#8d1a3c"


def _coarse(d):
    """Whole units are as fine as a card shows and halve the file. The outlines are one absolute
    move then relative lines (``M x y l dx dy ... z``): each point is rounded from its true
    position, so rounding errors do not add up along an outline, and zero steps are dropped."""
    out = []
    for ring in re.findall(r"M[^M]*", d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", ring)]
        x, y = numbers[0], numbers[1]
        rx, ry = round(x), round(y)
        steps = []
        for dx, dy in zip(numbers[2::2], numbers[3::2]):
            x, y = x + dx, y + dy
            sx, sy = round(x) - rx, round(y) - ry
            if sx or sy:
                steps.append(f"{sx} {sy}")
                rx, ry = rx + sx, ry + sy
        if len(steps) >= 2:
            out.append(f"M{round(numbers[0])} {round(numbers[1])}l" + " ".join(steps) + "z")
    return "".join(out)


def svg(shapes, view_box, picked):
    rest = " ".join(_coarse(s["d"]) for s in shapes if not picked(s))
    chosen = " ".join(_coarse(s["d"]) for s in shapes if picked(s))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" width="974" height="365">'
        f'<rect width="100%" height="100%" fill="{SEA}"/>'
        f'<path fill="{LAND}" stroke="#fff" stroke-width="1" d="{rest}"/>'
        + (f'<path fill="{PICKED}" stroke="#fff" stroke-width="1" d="{chosen}"/>' if chosen else "")
        + "</svg>\n"
    )


def main():
    outlines = json.loads(SOURCE.read_text())
    TARGET.mkdir(parents=True, exist_ok=True)
    shapes, view_box = outlines["shapes"], outlines["viewBox"]
    codes = sorted({code for shape in shapes for code in shape["codes"]})
    for code in codes:
        (TARGET / f"{code}.svg").write_text(svg(shapes, view_box, lambda s, code=code: code in s["codes"]))
    (TARGET / "nasional.svg").write_text(svg(shapes, view_box, lambda s: True))
    total = sum(p.stat().st_size for p in TARGET.glob("*.svg"))
    print(f"{len(codes) + 1} peta lokasi di {TARGET.relative_to(ROOT)} ({total // 1024} KB)")


if __name__ == "__main__":
    main()
