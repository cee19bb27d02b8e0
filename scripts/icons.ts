// Draws the forum's icons (a jetty over the water, the sun above) into static/icons/: the SVG the
// browsers show as favicon, PNGs for the web app manifest (192 and 512 px) and the home screen of an
// iPhone (180 px), and favicon.ico (a 32 px PNG inside an ICO). Run `npx tsx scripts/icons.ts` after
// changing the drawing; the files it writes are committed. No dependency but node's zlib: each pixel is
// the average of 4×4 samples of the shapes below, on the same 64-unit grid as the SVG.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT = join(import.meta.dirname, '..', 'static', 'icons');

type Rgb = readonly [number, number, number];
const SEA: Rgb = [0x0b, 0x5d, 0x7a];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const SUN: Rgb = [0xf3, 0xc9, 0x69];

/** Deck, posts, sun and waves in the 64-unit grid; the same shapes as the SVG below. */
const deck = { x: 10, y: 27, w: 44, h: 6 };
const posts = [16, 30, 44].map((x) => ({ x, y: 33, w: 4, h: 13 }));
const sun = { cx: 46, cy: 15, r: 6 };
const waveY = 51;

function inRect(x: number, y: number, r: { x: number; y: number; w: number; h: number }): boolean {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

/** One wave line: y = waveY + 2·sin, 3 units thick, across the icon's inner width. */
function onWave(x: number, y: number): boolean {
  return x >= 6 && x <= 58 && Math.abs(y - (waveY + 2 * Math.sin(((x - 6) / 12) * 2 * Math.PI))) < 1.5;
}

/** Inside the rounded square (radius 14); `fullBleed` fills the whole square (apple-touch-icon: iOS rounds it). */
function inBackground(x: number, y: number, fullBleed: boolean): boolean {
  if (fullBleed) return true;
  const r = 14;
  const cx = Math.min(Math.max(x, r), 64 - r);
  const cy = Math.min(Math.max(y, r), 64 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The colour at a point of the grid, or null outside the icon (transparent). */
function colourAt(x: number, y: number, fullBleed: boolean): Rgb | null {
  if (!inBackground(x, y, fullBleed)) return null;
  if ((x - sun.cx) ** 2 + (y - sun.cy) ** 2 <= sun.r ** 2) return SUN;
  if (inRect(x, y, deck) || posts.some((p) => inRect(x, y, p)) || onWave(x, y)) return WHITE;
  return SEA;
}

/** RGBA pixels of the icon at `size` px, anti-aliased with 4×4 samples per pixel. */
function draw(size: number, fullBleed: boolean): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = colourAt(((px + (sx + 0.5) / n) / size) * 64, ((py + (sy + 0.5) / n) / size) * 64, fullBleed);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) {
        pixels[at] = Math.round(r / a);
        pixels[at + 1] = Math.round(g / a);
        pixels[at + 2] = Math.round(b / a);
      }
      pixels[at + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG (8-bit RGBA, no filter) of the icon at `size` px. */
function png(size: number, fullBleed = false): Buffer {
  const pixels = draw(size, fullBleed);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO holding one PNG image (every browser since 2007 reads PNG inside ICO). */
function ico(size: number): Buffer {
  const image = png(size);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}

/** The wave as the SVG draws it: the same sine, a point per unit. */
const wavePoints = Array.from({ length: 53 }, (_, i) => `${i + 6},${(waveY + 2 * Math.sin((i / 12) * 2 * Math.PI)).toFixed(2)}`).join(' ');

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="14" fill="#0b5d7a"/>
  <circle cx="${sun.cx}" cy="${sun.cy}" r="${sun.r}" fill="#f3c969"/>
  <rect x="${deck.x}" y="${deck.y}" width="${deck.w}" height="${deck.h}" fill="#fff"/>
  ${posts.map((p) => `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" fill="#fff"/>`).join('\n  ')}
  <polyline points="${wavePoints}" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'icon.svg'), svg);
writeFileSync(join(OUT, 'icon-192.png'), png(192));
writeFileSync(join(OUT, 'icon-512.png'), png(512));
writeFileSync(join(OUT, 'apple-touch-icon.png'), png(180, true));
writeFileSync(join(OUT, 'favicon.ico'), ico(32));
console.log(`icons written to ${OUT}`);
