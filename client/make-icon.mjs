// Draws the extension's 128×128 icon (client/icon.png): a white padlock on a dark blue rounded square, its
// keyhole in amber. Shapes are sampled 4×4 per pixel for smooth edges; the PNG is written with zlib, no packages.
// Run: node client/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const size = 128;
const bg = [20, 41, 82];
const lock = [245, 247, 250];
const hole = [244, 166, 35];

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const shapeAt = (x, y) => {
  if (!inRoundRect(x, y, 0, 0, size, size, 24)) return null;
  // keyhole: a circle and a tapering slot
  if ((x - 64) ** 2 + (y - 80) ** 2 <= 8 ** 2 || (y >= 80 && y <= 98 && Math.abs(x - 64) <= 3.5 + (y - 80) * 0.08)) return hole;
  if (inRoundRect(x, y, 30, 58, 98, 110, 8)) return lock; // body
  const d = Math.hypot(x - 64, y - 58); // shackle: half ring above the body
  if (y <= 58 && d >= 17 && d <= 27) return lock;
  if (y > 58 && y < 62 && ((x >= 37 && x <= 47) || (x >= 81 && x <= 91))) return lock;
  return bg;
};

const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
      const c = shapeAt(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
      if (!c) continue;
      acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255;
    }
    const n = acc[3] / 255;
    const o = y * (size * 4 + 1) + 1 + x * 4;
    raw[o] = n ? Math.round(acc[0] / n) : 0;
    raw[o + 1] = n ? Math.round(acc[1] / n) : 0;
    raw[o + 2] = n ? Math.round(acc[2] / n) : 0;
    raw[o + 3] = Math.round(acc[3] / 16);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = buf => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
header[8] = 8; header[9] = 6; // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(fileURLToPath(new URL('./icon.png', import.meta.url)), png);
console.log(`client/icon.png: ${png.length} bytes`);
