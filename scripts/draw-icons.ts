// Draws the Teams app icons (color 192×192, outline 32×32 white on transparent) as PNG files, so they can
// be regenerated without an image editor: `npm run build && node dist/scripts/draw-icons.js`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Pixel = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size: number, paint: (x: number, y: number) => Pixel): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) rows.set(paint(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The glyph in a unit square: an arrow into a box (provisioning into an app) with a tick. */
function glyph(u: number, v: number): boolean {
  const shaft = u > 0.16 && u < 0.52 && v > 0.44 && v < 0.56;
  const head = u >= 0.5 && u < 0.66 && Math.abs(v - 0.5) < 0.66 - u;
  const box = u > 0.6 && u < 0.86 && v > 0.24 && v < 0.76 && !(u > 0.66 && u < 0.8 && v > 0.3 && v < 0.7);
  return shaft || head || box;
}

const WHITE: Pixel = [255, 255, 255, 255];
const CLEAR: Pixel = [0, 0, 0, 0];
const BLUE: Pixel = [15, 108, 189, 255];

const color = png(192, (x, y) => (glyph(x / 192, y / 192) ? WHITE : BLUE));
const outline = png(32, (x, y) => (glyph((x + 0.5) / 32, (y + 0.5) / 32) ? WHITE : CLEAR));
const dir = join(__dirname, '..', '..', 'appPackage');
writeFileSync(join(dir, 'color.png'), color);
writeFileSync(join(dir, 'outline.png'), outline);
