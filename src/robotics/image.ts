/**
 * Camera images: raw pixel buffers (ROS / Foxglove encoding names) or compressed files (jpeg, png).
 * Compressed images are recognised by their magic bytes; they are never decoded here.
 */
import { plainView } from "../views.js";

/** Raw encodings and their bytes per pixel. Multi-byte pixels are little-endian. */
export const RAW_ENCODINGS = Object.freeze({
  rgb8: 3,
  bgr8: 3,
  rgba8: 4,
  bgra8: 4,
  mono8: 1,
  mono16: 2,
  "16UC1": 2,
  "32FC1": 4,
} as const);

export type RawEncoding = keyof typeof RAW_ENCODINGS;
export type CompressedEncoding = "jpeg" | "png";

/** RAW_ENCODINGS as a Map: a caller's "toString" or "__proto__" must not reach Object.prototype. */
const BPP: ReadonlyMap<string, number> = new Map(Object.entries(RAW_ENCODINGS));

/** Every encoding, raw then compressed. A string on every wire; the set grows by addition. */
export const IMAGE_ENCODINGS = [
  "rgb8",
  "bgr8",
  "rgba8",
  "bgra8",
  "mono8",
  "mono16",
  "16UC1",
  "32FC1",
  "jpeg",
  "png",
] as const;

export type ImageEncoding = (typeof IMAGE_ENCODINGS)[number];

/** The first bytes of every file of each compressed encoding. */
export const MAGIC: Readonly<Record<CompressedEncoding, Uint8Array>> = Object.freeze({
  jpeg: Uint8Array.of(0xff, 0xd8, 0xff),
  png: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
});

/** One camera frame. */
export interface Image {
  /** Rows (for compressed images: as encoded, or 0 when unknown). 0 .. 2^31-1. */
  height: number;
  /** Columns (for compressed images: as encoded, or 0 when unknown). 0 .. 2^31-1. */
  width: number;
  encoding: ImageEncoding;
  /** Bytes from one row to the next: at least `width × bytesPerPixel` for raw images, 0 for compressed. */
  step: number;
  /** Raw: exactly `step × height` bytes. Compressed: the file, starting with its magic bytes. */
  data: Uint8Array;
}

/** Bytes per pixel of a raw encoding; undefined for compressed encodings (and any other string). */
export function bytesPerPixel(encoding: ImageEncoding): number | undefined {
  return BPP.get(encoding);
}

/** True for jpeg and png. */
export function isCompressed(encoding: ImageEncoding): encoding is CompressedEncoding {
  return encoding === "jpeg" || encoding === "png";
}

/** True when `data` starts with the magic bytes of `encoding`; false for any encoding but jpeg and png. */
export function hasMagic(encoding: CompressedEncoding, data: Uint8Array): boolean {
  // Own names only: "__proto__" or "toString" must not reach Object.prototype through MAGIC.
  if (!isCompressed(encoding)) return false;
  const magic = MAGIC[encoding];
  if (data.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (data[i] !== magic[i]) return false;
  return true;
}

/** A problem with an image, as a message and the field it concerns. */
export interface ImageProblem {
  field: "encoding" | "step" | "data";
  message: string;
}

/**
 * Why an image's step and data do not fit its size and encoding, or undefined when they do. An encoding
 * safewire does not know is a problem (field "encoding"). Otherwise assumes the fields have the right types
 * and ranges (the schema checks those first).
 */
export function imageMismatch(img: Image): ImageProblem | undefined {
  const { encoding, width, height, step, data } = img;
  if (isCompressed(encoding)) {
    if (step !== 0) return { field: "step", message: `a ${encoding} image has step 0, got ${step}` };
    if (!hasMagic(encoding, data)) {
      return { field: "data", message: `image data does not start with the ${encoding} signature` };
    }
    return undefined;
  }
  // One lookup, own names only: an untyped caller's "bogus" or "toString" must not read as fitting.
  const bpp = BPP.get(encoding);
  if (bpp === undefined) {
    const name = typeof encoding === "string" ? JSON.stringify(encoding) : typeof encoding;
    return { field: "encoding", message: `unknown image encoding ${name}` };
  }
  const minStep = width * bpp; // at most (2^31-1) × 4: exact in a double
  if (step < minStep) {
    return {
      field: "step",
      message: `step ${step} is less than width ${width} × ${bpp} bytes per ${encoding} pixel`,
    };
  }
  // In doubles (BigInt costs ~0.1 µs): a product under 2^53 is exact, and a rounded one is at least 2^53,
  // which no buffer's length equals. The message's exact figure comes from BigInt.
  // The bytes it holds, not what a subclass's getter says (see tensorMismatch).
  const held = (plainView(data) ?? data).byteLength;
  if (step * height !== held) {
    const want = BigInt(step) * BigInt(height);
    return {
      field: "data",
      message: `image data is ${held} bytes, but step ${step} × height ${height} is ${want}`,
    };
  }
  return undefined;
}
