#!/usr/bin/env python3
"""Draws the sgmigrate icon (two database discs and an arrow) with no dependencies: installer/icons/
sgmigrate.png (256x256, Linux), sgmigrate.ico (Windows) and sgmigrate.icns (macOS), the last two holding
PNG images of 16 to 256 pixels."""
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

def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)

def encode_png(rows):
    size = len(rows)
    raw = b"".join(b"\x00" + b"".join(struct.pack("BBBB", *p) for p in row) for row in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")

def half(rows):
    """Halves the size: each 2x2 block becomes one pixel, colours weighted by alpha."""
    out = []
    for y in range(0, len(rows), 2):
        row = []
        for x in range(0, len(rows), 2):
            block = (rows[y][x], rows[y][x + 1], rows[y + 1][x], rows[y + 1][x + 1])
            a = sum(p[3] for p in block)
            if a == 0:
                row.append((0, 0, 0, 0))
            else:
                row.append(tuple((sum(p[i] * p[3] for p in block) + a // 2) // a for i in range(3)) + ((a + 2) // 4,))
        out.append(row)
    return out

# sizes[n] = PNG bytes of the n x n icon, from 256 down to 16
sizes = {}
rows = px
for n in (256, 128, 64, 32, 16):
    sizes[n] = encode_png(rows)
    if n > 16:
        rows = half(rows)

def ico():
    """Windows .ico with PNG-compressed images (read by Windows Vista and later)."""
    order = (16, 32, 64, 128, 256)
    head = struct.pack("<HHH", 0, 1, len(order))
    offset = len(head) + 16 * len(order)
    entries, data = b"", b""
    for n in order:
        d = sizes[n]
        entries += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(d), offset + len(data))
        data += d
    return head + entries + data

def icns():
    """macOS .icns with PNG images (icp4/icp5/icp6 = 16/32/64, ic07 = 128, ic08 = 256)."""
    body = b""
    for kind, n in ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256)):
        body += kind + struct.pack(">I", 8 + len(sizes[n])) + sizes[n]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body

# make-icon.py [DIR]: writes DIR/sgmigrate.png, .ico and .icns (DIR defaults to installer/icons)
outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "icons")
for name, data in (("sgmigrate.png", sizes[256]), ("sgmigrate.ico", ico()), ("sgmigrate.icns", icns())):
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)
