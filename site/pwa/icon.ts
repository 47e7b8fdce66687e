import { deflateSync } from "node:zlib";

/**
 * The app's icon, drawn here (no third-party artwork): a radar in the theme's accent yellow on
 * its dark background — two rings, a centre dot and a sweep. One geometry, rendered to PNG for
 * the web manifest (any and maskable) and to SVG for the favicon.
 */

export const THEME_BACKGROUND = "#1d1f22";
const THEME_ACCENT = "#ffc230";

type Rgb = [number, number, number];
const BACKGROUND: Rgb = [0x1d, 0x1f, 0x22];
const ACCENT: Rgb = [0xff, 0xc2, 0x30];

// In units of half the icon's width, centred: rings and dot radii, the sweep's angle (radians,
// clockwise from 12 o'clock) and opacity, and the plain icon's corner radius.
const OUTER_RING = { radius: 0.72, width: 0.09 };
const INNER_RING = { radius: 0.42, width: 0.08 };
const DOT_RADIUS = 0.12;
const SWEEP = { from: 0, to: Math.PI / 3, opacity: 0.45 };
const CORNER = 0.36;
// A maskable icon's platform may crop it to a circle of 80 % of its width: the radar shrinks into it.
const MASKABLE_SCALE = 0.78;

export interface IconVariant {
  /** Full-bleed background with the drawing inside the safe zone (purpose "maskable"). */
  maskable: boolean;
}

/** How much accent (0–1) covers a point of the drawing, at scale 1. */
function accentAt(x: number, y: number): number {
  const r = Math.hypot(x, y);
  if (Math.abs(r - OUTER_RING.radius) <= OUTER_RING.width / 2) return 1;
  if (Math.abs(r - INNER_RING.radius) <= INNER_RING.width / 2) return 1;
  if (r <= DOT_RADIUS) return 1;
  const angle = (Math.atan2(x, -y) + 2 * Math.PI) % (2 * Math.PI);
  if (r <= OUTER_RING.radius && angle >= SWEEP.from && angle <= SWEEP.to) return SWEEP.opacity;
  return 0;
}

/** Whether a point lies on the plain icon's rounded square. */
function insideBackground(x: number, y: number, variant: IconVariant): boolean {
  if (variant.maskable) return true;
  const dx = Math.max(Math.abs(x) - (1 - CORNER), 0);
  const dy = Math.max(Math.abs(y) - (1 - CORNER), 0);
  return Math.hypot(dx, dy) <= CORNER;
}

const SAMPLES = 4;

/** The icon as RGBA pixels, each averaged over SAMPLES × SAMPLES points (smooth edges). */
export function renderIcon(size: number, variant: IconVariant): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const scale = variant.maskable ? MASKABLE_SCALE : 1;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      let accent = 0;
      for (let s = 0; s < SAMPLES * SAMPLES; s++) {
        const x = ((px + ((s % SAMPLES) + 0.5) / SAMPLES) / size) * 2 - 1;
        const y = ((py + (Math.floor(s / SAMPLES) + 0.5) / SAMPLES) / size) * 2 - 1;
        if (!insideBackground(x, y, variant)) continue;
        cover += 1;
        accent += accentAt(x / scale, y / scale);
      }
      const at = (py * size + px) * 4;
      const mix = cover === 0 ? 0 : accent / cover;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(BACKGROUND[c] + (ACCENT[c] - BACKGROUND[c]) * mix);
      pixels[at + 3] = Math.round((cover / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file (8-bit RGBA, no filtering) of square RGBA pixels. */
export function encodePng(pixels: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", new Uint8Array()),
  ]);
}

/** The same drawing as SVG (the favicon), on a 100-unit square. */
export function iconSvg(): string {
  const u = (n: number) => Number((50 + n * 50).toFixed(2));
  const d = (n: number) => Number((n * 50).toFixed(2));
  const edge = (angle: number) =>
    `${u(Math.sin(angle) * OUTER_RING.radius)} ${u(-Math.cos(angle) * OUTER_RING.radius)}`;
  const ring = ({ radius, width }: { radius: number; width: number }) =>
    `<circle cx="50" cy="50" r="${d(radius)}" fill="none" stroke="${THEME_ACCENT}" stroke-width="${d(width)}"/>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">`,
    `<rect width="100" height="100" rx="${d(CORNER)}" fill="${THEME_BACKGROUND}"/>`,
    `<path d="M50 50 L${edge(SWEEP.from)} A${d(OUTER_RING.radius)} ${d(OUTER_RING.radius)} 0 0 1 ${edge(SWEEP.to)} Z" fill="${THEME_ACCENT}" fill-opacity="${SWEEP.opacity}"/>`,
    ring(OUTER_RING),
    ring(INNER_RING),
    `<circle cx="50" cy="50" r="${d(DOT_RADIUS)}" fill="${THEME_ACCENT}"/>`,
    `</svg>`,
  ].join("");
}
