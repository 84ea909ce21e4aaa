#!/usr/bin/env python3
"""Draws the artwork of slides/examples/conference.json, with nothing but the standard
library (no photos, logos or fonts from elsewhere):

  logo.png      a conference mark: a ring of eight dots round a filled centre, with alpha
  hall.png      a floor plan of the venue: rooms, a corridor, a marked entrance
  backdrop.png  a soft diagonal gradient with circles, behind the welcome slide

Usage: scripts/make-example-art.py [DIR]   (default slides/examples/)
"""
import math
import os
import struct
import sys
import zlib


def write_png(path, width, height, pixel, alpha=False):
    """pixel(x, y) -> (r, g, b) or (r, g, b, a)."""
    channels = 4 if alpha else 3
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y)[:channels])

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


AMBER = (245, 183, 44)
NAVY = (18, 30, 47)
WHITE = (255, 255, 255)


def coverage(d):
    """Anti-aliasing: how much of a pixel at signed distance d (negative: inside) is inked."""
    return max(0.0, min(1.0, 0.5 - d))


def logo(x, y):
    # 256 x 256: eight amber dots on a ring, a white disc in the middle, transparent around.
    cx = cy = 127.5
    a = 0.0
    colour = WHITE
    r = math.hypot(x - cx, y - cy)
    a = coverage(r - 44)
    for k in range(8):
        t = k * math.pi / 4
        dx, dy = cx + 96 * math.cos(t), cy + 96 * math.sin(t)
        c = coverage(math.hypot(x - dx, y - dy) - 22)
        if c > a:
            a, colour = c, AMBER
    return colour + (int(round(255 * a)),)


def hall(x, y):
    # 1200 x 800: a floor plan. Walls navy on paper white, rooms tinted, the entrance amber.
    paper = (244, 241, 234)
    rooms = [  # x0, y0, x1, y1, colour
        (60, 60, 520, 380, (214, 228, 240)),    # Saal A
        (560, 60, 1140, 380, (222, 236, 214)),  # Saal B
        (60, 500, 400, 740, (240, 226, 214)),   # Workshop 1
        (440, 500, 780, 740, (236, 222, 238)),  # Workshop 2
        (820, 500, 1140, 740, (240, 236, 206)),  # Café
    ]
    wall = 8
    for x0, y0, x1, y1, c in rooms:
        if x0 <= x < x1 and y0 <= y < y1:
            inner = x0 + wall <= x < x1 - wall and y0 + wall <= y < y1 - wall
            door = (y1 - wall <= y < y1 and (x0 + x1) // 2 - 40 <= x < (x0 + x1) // 2 + 40) or (
                y0 <= y < y0 + wall and (x0 + x1) // 2 - 40 <= x < (x0 + x1) // 2 + 40)
            return c if inner or door else NAVY
    # The corridor between the rows, and the entrance: an amber arrow at the left end.
    if 380 <= y < 500:
        if x < 160 and abs(y - 440) < (160 - x) * 0.5 and x > 60:
            return AMBER
        return (232, 228, 220)
    return paper


def backdrop(x, y):
    # 640 x 360 (shown covering the screen): a diagonal gradient from navy to a deep teal, with a few soft circles.
    t = (x / 640 + y / 360) / 2
    base = [int(NAVY[i] + t * ((20, 90, 100)[i] - NAVY[i])) for i in range(3)]
    for cx, cy, r in ((490, 90, 130), (130, 300, 100), (350, 210, 60)):
        d = math.hypot(x - cx, y - cy)
        if d < r:
            k = 0.18 * (1 - d / r)
            base = [int(base[i] + k * (AMBER[i] - base[i])) for i in range(3)]
    return tuple(base)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "slides", "examples")
    os.makedirs(out, exist_ok=True)
    write_png(os.path.join(out, "logo.png"), 256, 256, logo, alpha=True)
    write_png(os.path.join(out, "hall.png"), 1200, 800, hall)
    write_png(os.path.join(out, "backdrop.png"), 640, 360, backdrop)
    for name in ("logo.png", "hall.png", "backdrop.png"):
        print(os.path.join(out, name), os.path.getsize(os.path.join(out, name)), "bytes")


if __name__ == "__main__":
    main()
