#!/usr/bin/env python3
"""Draws installer/icons/sgmigrate.png (256x256): two database discs and an arrow, no dependencies."""
import struct, zlib, math, sys, os

W = H = 256
BG = (41, 98, 255)      # blue tile
FG = (255, 255, 255)
px = [[(0, 0, 0, 0)] * W for _ in range(H)]

def inside_round_rect(x, y, r=48):
    cx = min(max(x, r), W - 1 - r); cy = min(max(y, r), H - 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

for y in range(H):
    for x in range(W):
        if inside_round_rect(x, y):
            px[y][x] = BG + (255,)

def disc(cx, cy, rx, ry, h):
    for y in range(cy - ry, cy + h + ry + 1):
        for x in range(cx - rx, cx + rx + 1):
            dx = (x - cx) / rx
            top = ((y - cy) / ry) ** 2 + dx * dx <= 1
            bottom = ((y - cy - h) / ry) ** 2 + dx * dx <= 1
            body = cy <= y <= cy + h and abs(dx) <= 1
            if top or bottom or body:
                px[y][x] = FG + (255,)

disc(62, 92, 34, 12, 70)
disc(194, 92, 34, 12, 70)
for y in range(120, 138):          # arrow shaft
    for x in range(104, 140):
        px[y][x] = FG + (255,)
for y in range(106, 153):          # arrow head
    for x in range(140, 158):
        if abs(y - 129) <= (158 - x) * 1.3:
            px[y][x] = FG + (255,)

raw = b"".join(b"\x00" + b"".join(struct.pack("BBBB", *p) for p in row) for row in px)
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "icons", "sgmigrate.png")
open(out, "wb").write(png)
