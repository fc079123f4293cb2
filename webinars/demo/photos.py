"""Stand-in speaker photos for the demo: a person's initials on a square of their colour.

Drawn with Pillow and stored as Wagtail images, so the demo has photos to show (and, for a
speaker who withdrew consent, to hide) without fetching anything or picturing anyone real.
"""

from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from PIL import Image, ImageDraw, ImageFont

SIZE = 400
WHITE = (255, 255, 255)
#: Words before a name that are not part of a person's initials.
TITLES = {"dr", "professor", "prof", "mr", "mrs", "ms", "mx", "miss"}


def initials(name):
    words = [word for word in name.split() if word.lower().strip(".") not in TITLES]
    return "".join(word[0].upper() for word in words[:2])


def initials_png(name, colour):
    """A SIZE x SIZE PNG: the initials of `name`, white on `colour` ("#rrggbb")."""
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=SIZE * 2 // 5)
    draw.text((SIZE / 2, SIZE / 2), initials(name), fill=WHITE, font=font, anchor="mm")
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def speaker_photo(key, name, colour):
    """A new Wagtail image of `name`'s initials, its file named after the speaker's key."""
    image = get_image_model()(
        title=f"{name} (speaker photo)",
        description=f"{name}'s initials",
        file=ImageFile(BytesIO(initials_png(name, colour)), name=f"speaker-{key}.png"),
    )
    image.save()
    return image
