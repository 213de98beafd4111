"""Pictures for the demo, drawn locally with Pillow (no network, no stock photos).

Each picture is a soft two-colour gradient with a few shapes and a caption, so cards, hub
pages and news look like a real portal. Pictures are looked up by title before they are
drawn, which keeps ``seed_demo`` idempotent.
"""
import io
import random
import zlib

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

PALETTE = [
    ("#8a1538", "#d9485f"), ("#0b5cad", "#49a3e6"), ("#1f6f3f", "#6cc48a"), ("#8a5a00", "#f0b23c"),
    ("#4b2c83", "#9b7fd6"), ("#00686b", "#3fc1c4"), ("#a13d00", "#f08a4b"), ("#234a6b", "#7fa7c9"),
]
SIZE = (1200, 800)


def _hex(value):
    value = value.lstrip("#")
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def draw_picture(caption, subtitle="", seed=0):
    """A JPEG (bytes) with a gradient, shapes and the caption."""
    rng = random.Random(seed)
    top, bottom = (_hex(c) for c in PALETTE[seed % len(PALETTE)])
    width, height = SIZE
    picture = PILImage.new("RGB", SIZE, top)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(6):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(60, 260)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=rng.randrange(3, 10))
    title_font = ImageFont.load_default(size=92)
    small_font = ImageFont.load_default(size=44)
    draw.rectangle([0, height - 250, width, height], fill=(0, 0, 0))
    draw.text((60, height - 225), caption[:22], font=title_font, fill=(255, 255, 255))
    if subtitle:
        draw.text((60, height - 100), subtitle[:48], font=small_font, fill=(235, 235, 235))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=78, optimize=True)
    return buffer.getvalue()


def demo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Gambar demo").first()
    return existing or root.add_child(name="Gambar demo")


def demo_image(title, caption, subtitle="", seed=0, collection=None):
    """The demo image called ``title``, drawn and stored the first time it is asked for."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = draw_picture(caption, subtitle, seed)
        filename = f"demo-{seed}-{zlib.crc32(title.encode()):08x}.jpg"
        image = Image(title=title, collection=collection or demo_collection())
        image.file = ImageFile(io.BytesIO(data), name=filename)
        image.save()
    return image
