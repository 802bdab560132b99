// Draws the FOTA Desk icons and writes build/icon.png (1024 px), build/icon.ico (Windows: 16–256 px,
// PNG-compressed entries) and build/icon.icns (macOS: 16–1024 px, PNG entries), and the `.fotabatch`
// document icon build/fotabatch.ico and build/fotabatch.icns (electron-builder.yml: fileAssociations).
// Pure Node (zlib), so the icons are reproducible on any machine without ImageMagick or Xcode:
// `node scripts/make-icons.mjs`.
// The app: a blue rounded square with a white phone outline and a downward arrow (an update).
// The batch file: a white page with a folded corner, list lines (the devices) and the app's mark.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'build');

/** Coverage (0–1) of pixel (x, y) of a `size` px icon, one shape per function, in unit coordinates. */
function inRoundedRect(u, v, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(u, x0 + r), x1 - r);
  const cy = Math.min(Math.max(v, y0 + r), y1 - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r && u >= x0 && u <= x1 && v >= y0 && v <= y1;
}

function inTriangle(u, v, ax, ay, bx, by, cx, cy) {
  const s = (p1x, p1y, p2x, p2y, p3x, p3y) => (p1x - p3x) * (p2y - p3y) - (p2x - p3x) * (p1y - p3y);
  const d1 = s(u, v, ax, ay, bx, by);
  const d2 = s(u, v, bx, by, cx, cy);
  const d3 = s(u, v, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** The app icon's colour at a point in unit coordinates: [r, g, b, a] or null for transparent. */
function paintApp(u, v) {
  if (!inRoundedRect(u, v, 0.06, 0.06, 0.94, 0.94, 0.2)) return null;
  const white = [255, 255, 255, 255];
  // phone outline
  const body = inRoundedRect(u, v, 0.3, 0.16, 0.7, 0.84, 0.07);
  const screen = inRoundedRect(u, v, 0.345, 0.23, 0.655, 0.74, 0.02);
  const speaker = inRoundedRect(u, v, 0.45, 0.185, 0.55, 0.205, 0.01);
  const button = (u - 0.5) ** 2 + (v - 0.79) ** 2 <= 0.022 ** 2;
  if (body && !screen && !speaker && !button) return white;
  // download arrow on the screen
  const shaft = u >= 0.465 && u <= 0.535 && v >= 0.3 && v <= 0.52;
  const head = inTriangle(u, v, 0.39, 0.5, 0.61, 0.5, 0.5, 0.64);
  const bar = u >= 0.4 && u <= 0.6 && v >= 0.665 && v <= 0.7;
  if (shaft || head || bar) return white;
  // background: a vertical gradient from Knox-like blue to a deeper blue
  const t = (v - 0.06) / 0.88;
  return [Math.round(20 + 10 * t), Math.round(110 - 50 * t), Math.round(210 - 40 * t), 255];
}

/** The `.fotabatch` document icon's colour at a point in unit coordinates. */
function paintBatchFile(u, v) {
  const [left, top, right, bottom, fold] = [0.17, 0.05, 0.83, 0.95, 0.2];
  if (!inRoundedRect(u, v, left, top, right, bottom, 0.04)) return null;
  // The folded corner: cut above the diagonal, the flap below it.
  const cornerU = u - (right - fold);
  const cornerV = v - top;
  if (cornerU > 0 && cornerV < fold) {
    if (cornerU > cornerV) return null;
    return [205, 214, 228, 255];
  }
  const edge = [120, 135, 160, 255];
  const w = 0.025;
  const inner = inRoundedRect(u, v, left + w, top + w, right - w, bottom - w, 0.02) && !(cornerU > -w && cornerV < fold + w && cornerU > cornerV - 1.5 * w);
  if (!inner) return edge;
  // The app's mark in the lower half of the page.
  const [mx, my, ms] = [0.3, 0.5, 0.4];
  if (u >= mx && u <= mx + ms && v >= my && v <= my + ms) {
    const mark = paintApp((u - mx) / ms, (v - my) / ms);
    if (mark) return mark;
  }
  // Three list lines: the devices of the batch.
  for (const line of [0.27, 0.35, 0.43]) if (v >= line && v <= line + 0.035 && u >= 0.28 && u <= (line === 0.43 ? 0.55 : 0.7)) return [150, 165, 190, 255];
  return [255, 255, 255, 255];
}

/** RGBA pixels of an icon drawn by `paint` at `size` px, 4×4 supersampled for smooth edges. */
function render(size, paint) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a); pixels[i + 1] = Math.round(g / a); pixels[i + 2] = Math.round(b / a);
        pixels[i + 3] = Math.round(a / (n * n));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG (8-bit RGBA) of the icon drawn by `paint` (default: the app's) at `size` px. */
export function png(size, paint = paintApp) {
  const pixels = render(size, paint);
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows .ico whose entries are PNGs (supported since Windows Vista). */
function ico(sizes, paint) {
  const images = sizes.map((s) => png(s, paint));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map((image, i) => {
    const entry = Buffer.alloc(16);
    const s = sizes[i];
    entry.writeUInt8(s >= 256 ? 0 : s, 0);
    entry.writeUInt8(s >= 256 ? 0 : s, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(image.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += image.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images]);
}

/** A macOS .icns with PNG entries (types from Apple's icns format). */
function icns(paint) {
  const types = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024], ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]];
  const cache = new Map();
  const blocks = types.map(([type, size]) => {
    if (!cache.has(size)) cache.set(size, png(size, paint));
    const data = cache.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(blocks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'icon.png'), png(1024));
  writeFileSync(path.join(out, 'icon.ico'), ico(ICO_SIZES, paintApp));
  writeFileSync(path.join(out, 'icon.icns'), icns(paintApp));
  writeFileSync(path.join(out, 'fotabatch.ico'), ico(ICO_SIZES, paintBatchFile));
  writeFileSync(path.join(out, 'fotabatch.icns'), icns(paintBatchFile));
  console.log(`make-icons: wrote ${path.relative(root, out)}/icon.{png,ico,icns} and fotabatch.{ico,icns}`);
}
