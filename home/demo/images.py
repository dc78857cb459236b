"""Pictures and a PDF drawn locally with Pillow, so demo content never downloads anything."""

import io
import math

from PIL import Image, ImageDraw, ImageFont


def magnet_picture(seed: int, *, size: tuple[int, int] = (1600, 900)) -> bytes:
    """A field-line drawing around a bar magnet; `seed` varies the palette and angle."""
    width, height = size
    hue_pairs = [
        ((18, 52, 96), (46, 134, 193)),
        ((64, 28, 74), (196, 83, 120)),
        ((22, 70, 52), (88, 170, 120)),
        ((70, 50, 20), (214, 150, 60)),
        ((30, 30, 40), (120, 130, 160)),
    ]
    top, bottom = hue_pairs[seed % len(hue_pairs)]
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        colour = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    cx, cy = width // 2, height // 2
    for ring in range(1, 9):
        rx, ry = ring * width / 18, ring * height / 14
        box = [cx - rx, cy - ry - ring * 4 * (seed % 3), cx + rx, cy + ry]
        draw.ellipse(box, outline=(255, 255, 255), width=2)
    angle = math.radians(15 * (seed % 5))
    half_w, half_h = width / 7, height / 14
    corners = [
        (-half_w, -half_h),
        (half_w, -half_h),
        (half_w, half_h),
        (-half_w, half_h),
    ]
    rotated = [
        (
            cx + x * math.cos(angle) - y * math.sin(angle),
            cy + x * math.sin(angle) + y * math.cos(angle),
        )
        for x, y in corners
    ]
    draw.polygon(
        rotated[:2]
        + [
            ((rotated[1][0] + rotated[2][0]) / 2, (rotated[1][1] + rotated[2][1]) / 2),
            ((rotated[0][0] + rotated[3][0]) / 2, (rotated[0][1] + rotated[3][1]) / 2),
        ],
        fill=(200, 40, 40),
    )
    draw.polygon(
        [
            ((rotated[0][0] + rotated[3][0]) / 2, (rotated[0][1] + rotated[3][1]) / 2),
            ((rotated[1][0] + rotated[2][0]) / 2, (rotated[1][1] + rotated[2][1]) / 2),
        ]
        + rotated[2:],
        fill=(235, 235, 240),
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def brochure_pdf(title: str) -> bytes:
    """A one-page PDF with a title, standing in for a report download."""
    page = Image.new("RGB", (1240, 1754), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    draw.rectangle([0, 0, 1240, 220], fill=(18, 52, 96))
    draw.text((80, 90), title, fill=(255, 255, 255))
    for line in range(30):
        draw.line(
            [(80, 320 + line * 40), (1160 - (line % 4) * 90, 320 + line * 40)],
            fill=(190, 195, 205),
            width=6,
        )
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()


def project_logo(acronym: str, seed: int) -> bytes:
    """A wordmark for a demo project: its acronym in white on a coloured tile."""
    colours = [(11, 92, 173), (22, 110, 80), (140, 50, 90), (170, 100, 20), (60, 60, 90)]
    image = Image.new("RGB", (480, 192), colours[seed % len(colours)])
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=72)
    left, top, right, bottom = draw.textbbox((0, 0), acronym, font=font)
    position = ((480 - (right - left)) / 2 - left, (192 - (bottom - top)) / 2 - top)
    draw.text(position, acronym, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
