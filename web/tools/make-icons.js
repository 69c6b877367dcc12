// Draws the app icons (a gold star on the red field, no outside assets) into web/public:
// icon-192.png, icon-512.png (rounded corners) and icon-maskable-512.png (full bleed), plus
// icon.svg. PNG bytes are written by hand with zlib. Run: node web/tools/make-icons.js
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
const RED = [0xa4, 0x16, 0x1a];
const GOLD = [0xff, 0xdd, 0x00];

/** The five-pointed star: outer radius r around (cx, cy), inner radius r·0.382. */
const starPolygon = (cx, cy, r) =>
  Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? r : r * 0.382;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
  });

const inside = (poly, x, y) => {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
};

const inRoundedSquare = (size, radius, x, y) => {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

const png = (size, { maskable }) => {
  const star = starPolygon(size / 2, size / 2 + size * 0.02, size * (maskable ? 0.28 : 0.34));
  const corner = maskable ? 0 : size * 0.18;
  const samples = 4;
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x += 1) {
      let field = 0;
      let gold = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const px = x + (sx + 0.5) / samples;
          const py = y + (sy + 0.5) / samples;
          if (maskable || inRoundedSquare(size, corner, px, py)) {
            field += 1;
            if (inside(star, px, py)) gold += 1;
          }
        }
      }
      const n = samples * samples;
      const g = field ? gold / field : 0;
      const o = 1 + x * 4;
      for (let c = 0; c < 3; c += 1) row[o + c] = Math.round(RED[c] * (1 - g) + GOLD[c] * g);
      row[o + 3] = Math.round((255 * field) / n);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
};

const svg = () => {
  const points = starPolygon(256, 266, 174)
    .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
    .join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="92" fill="#a4161a"/><polygon points="${points}" fill="#ffdd00"/></svg>\n`;
};

writeFileSync(path.join(out, 'icon-192.png'), png(192, { maskable: false }));
writeFileSync(path.join(out, 'icon-512.png'), png(512, { maskable: false }));
writeFileSync(path.join(out, 'icon-maskable-512.png'), png(512, { maskable: true }));
writeFileSync(path.join(out, 'icon.svg'), svg());
console.log(`icons written to ${out}`);
