/**
 * @module carrier/label-png
 * A shipping label a person can open: a 4×6 PNG (100 dpi) with a border, the service, the
 * addressee's city and country, and the tracking code in large blocky letters over a barcode
 * drawn from it. Made without any image library: grayscale rows, deflated, in PNG chunks.
 */
import { crc32, deflateSync } from 'node:zlib';

const width = 400;
const height = 600;

/** 3×5 glyphs, a row a string: enough for tracking codes, services and place names. */
const glyphs: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  A: ['.#.', '#.#', '###', '#.#', '#.#'],
  B: ['##.', '#.#', '##.', '#.#', '##.'],
  C: ['.##', '#..', '#..', '#..', '.##'],
  D: ['##.', '#.#', '#.#', '#.#', '##.'],
  E: ['###', '#..', '##.', '#..', '###'],
  F: ['###', '#..', '##.', '#..', '#..'],
  G: ['.##', '#..', '#.#', '#.#', '.##'],
  H: ['#.#', '#.#', '###', '#.#', '#.#'],
  I: ['###', '.#.', '.#.', '.#.', '###'],
  J: ['..#', '..#', '..#', '#.#', '.#.'],
  K: ['#.#', '#.#', '##.', '#.#', '#.#'],
  L: ['#..', '#..', '#..', '#..', '###'],
  M: ['#.#', '###', '###', '#.#', '#.#'],
  N: ['##.', '#.#', '#.#', '#.#', '#.#'],
  O: ['.#.', '#.#', '#.#', '#.#', '.#.'],
  P: ['##.', '#.#', '##.', '#..', '#..'],
  Q: ['.#.', '#.#', '#.#', '##.', '.##'],
  R: ['##.', '#.#', '##.', '#.#', '#.#'],
  S: ['.##', '#..', '.#.', '..#', '##.'],
  T: ['###', '.#.', '.#.', '.#.', '.#.'],
  U: ['#.#', '#.#', '#.#', '#.#', '###'],
  V: ['#.#', '#.#', '#.#', '#.#', '.#.'],
  W: ['#.#', '#.#', '###', '###', '#.#'],
  X: ['#.#', '#.#', '.#.', '#.#', '#.#'],
  Y: ['#.#', '#.#', '.#.', '.#.', '.#.'],
  Z: ['###', '..#', '.#.', '#..', '###'],
  ' ': ['...', '...', '...', '...', '...'],
  '-': ['...', '...', '###', '...', '...'],
};

export interface LabelText {
  carrier: string;
  service: string;
  toCity: string;
  toCountry: string;
  trackingCode: string;
}

export function labelPng(text: LabelText): Buffer {
  const pixels = Buffer.alloc(width * height, 0xff);
  const fill = (x: number, y: number, w: number, h: number) => {
    for (let row = Math.max(0, y); row < Math.min(height, y + h); row++) pixels.fill(0, row * width + Math.max(0, x), row * width + Math.min(width, x + w));
  };
  // The border, and a rule under the header.
  fill(8, 8, width - 16, 4);
  fill(8, height - 12, width - 16, 4);
  fill(8, 8, 4, height - 16);
  fill(width - 12, 8, 4, height - 16);
  fill(8, 120, width - 16, 3);
  write(fill, `${text.carrier} ${text.service}`, 24, 30, 4);
  write(fill, `TO ${text.toCity}`, 24, 150, 5);
  write(fill, text.toCountry, 24, 200, 5);
  barcode(fill, text.trackingCode, 24, 300, width - 48, 140);
  write(fill, text.trackingCode, 24, 470, 6);
  return encodePng(pixels);
}

type Fill = (x: number, y: number, w: number, h: number) => void;

function write(fill: Fill, words: string, x: number, y: number, scale: number): void {
  let left = x;
  for (const char of words.toUpperCase()) {
    const glyph = glyphs[char] ?? glyphs[' '];
    glyph?.forEach((row, dy) => [...row].forEach((dot, dx) => dot === '#' && fill(left + dx * scale, y + dy * scale, scale, scale)));
    left += 4 * scale;
    if (left > width - 24 - 3 * scale) return;
  }
}

/** Bars from the code's characters: not a scannable symbology, but one a person reads as a barcode. */
function barcode(fill: Fill, code: string, x: number, y: number, w: number, h: number): void {
  let left = x;
  for (const char of `*${code}*`) {
    for (let bit = 0; bit < 8; bit++) {
      const wide = (char.charCodeAt(0) >> bit) & 1 ? 3 : 1;
      if (left + wide > x + w) return;
      fill(left, y, wide, h);
      left += wide + 2;
    }
  }
}

function encodePng(pixels: Buffer): Buffer {
  const rows = Buffer.alloc((width + 1) * height);
  for (let row = 0; row < height; row++) pixels.copy(rows, row * (width + 1) + 1, row * width, (row + 1) * width);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
