// Byte-level mutations in the style of AFL and go-fuzz, plus dictionary tokens and corpus splicing.

/** sfc32: a small seeded PRNG, so a campaign can be replayed from its seed. */
export function rng(seed) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  /** @param {number} n */
  const below = (n) => Math.floor(next() * n);
  return { next, below };
}

const INTERESTING8 = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x10, 0x20, 0x40, 0x64, 0xfe];
const INTERESTING16 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x200, 0x3e8, 0x400, 0x1000, 0x7fff, 0x8000, 0xffff];
const INTERESTING32 = [
  0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0xfa0000fa,
];
// Varints that trip length and count checks: 2^7-1 … 2^64-1, overlong zero, -1 zigzag.
const VARINTS = [
  [0x7f],
  [0x80, 0x01],
  [0xff, 0x7f],
  [0x80, 0x80, 0x01],
  [0xff, 0xff, 0xff, 0xff, 0x07],
  [0xff, 0xff, 0xff, 0xff, 0x0f],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
  [0x80, 0x80, 0x00],
  [0x01],
  [0x03],
];

/**
 * Returns a mutated copy of `input` (never longer than `maxLen`).
 * @param {Uint8Array} input
 * @param {{ next(): number, below(n: number): number }} r
 * @param {Uint8Array[]} corpus for splicing
 * @param {Uint8Array[]} dict tokens to insert or overwrite
 * @param {number} maxLen
 */
export function mutate(input, r, corpus, dict, maxLen) {
  let b = Array.from(input);
  // 1 edit with probability 1/2, 2 with 1/4, …
  let edits = 1;
  while (edits < 16 && r.next() < 0.5) edits++;
  const pos = (extra = 0) => r.below(b.length + extra);
  const len = (n) => {
    const x = r.below(100);
    const cap = Math.max(1, n);
    if (x < 85) return 1 + r.below(Math.min(8, cap));
    if (x < 98) return 1 + r.below(Math.min(64, cap));
    return 1 + r.below(cap);
  };
  for (let i = 0; i < edits; i++) {
    const op = r.below(b.length === 0 ? 3 : 19);
    switch (op) {
      case 0: {
        // insert random bytes
        const at = pos(1);
        const n = len(16);
        const ins = [];
        for (let k = 0; k < n; k++) ins.push(r.below(256));
        b.splice(at, 0, ...ins);
        break;
      }
      case 1: {
        // insert a dictionary token or an interesting varint
        const tok =
          dict.length > 0 && r.next() < 0.7
            ? Array.from(dict[r.below(dict.length)])
            : VARINTS[r.below(VARINTS.length)];
        b.splice(pos(1), 0, ...tok);
        break;
      }
      case 2: {
        // splice with another input: our head, its tail (or the other way round)
        const other = corpus.length > 0 ? corpus[r.below(corpus.length)] : undefined;
        if (other === undefined || other.length === 0) break;
        const cut = r.below(b.length + 1);
        const from = r.below(other.length);
        b =
          r.next() < 0.5
            ? [...b.slice(0, cut), ...other.subarray(from)]
            : [...other.subarray(0, from), ...b.slice(cut)];
        break;
      }
      case 3: {
        // delete a range
        const at = pos();
        b.splice(at, len(b.length - at));
        break;
      }
      case 4: {
        // duplicate a range in place
        const at = pos();
        const n = len(b.length - at);
        b.splice(pos(1), 0, ...b.slice(at, at + n));
        break;
      }
      case 5: {
        // copy a range over another
        const src = pos();
        const dst = pos();
        const chunk = b.slice(src, src + len(b.length - src));
        for (let k = 0; k < chunk.length && dst + k < b.length; k++) b[dst + k] = chunk[k];
        break;
      }
      case 6:
        b[pos()] ^= 1 << r.below(8);
        break;
      case 7:
        b[pos()] = r.below(256);
        break;
      case 8: {
        const x = pos();
        const y = pos();
        [b[x], b[y]] = [b[y], b[x]];
        break;
      }
      case 9: {
        const at = pos();
        b[at] = (b[at] + (r.next() < 0.5 ? 1 : -1) * (1 + r.below(35))) & 0xff;
        break;
      }
      case 10:
        b[pos()] = INTERESTING8[r.below(INTERESTING8.length)];
        break;
      case 11: {
        if (b.length < 2) break;
        const at = r.below(b.length - 1);
        const v = INTERESTING16[r.below(INTERESTING16.length)];
        const le = r.next() < 0.5;
        b[at] = le ? v & 0xff : v >>> 8;
        b[at + 1] = le ? v >>> 8 : v & 0xff;
        break;
      }
      case 12: {
        if (b.length < 4) break;
        const at = r.below(b.length - 3);
        const v = INTERESTING32[r.below(INTERESTING32.length)];
        const bytes = [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
        if (r.next() < 0.5) bytes.reverse();
        for (let k = 0; k < 4; k++) b[at + k] = bytes[k];
        break;
      }
      case 13: {
        // overwrite with a dictionary token or a varint
        const tok =
          dict.length > 0 && r.next() < 0.7 ? dict[r.below(dict.length)] : VARINTS[r.below(VARINTS.length)];
        const at = pos();
        for (let k = 0; k < tok.length && at + k < b.length; k++) b[at + k] = tok[k];
        break;
      }
      case 14: {
        // truncate
        b.length = r.below(b.length + 1);
        break;
      }
      case 15: {
        // nudge a varint-ish byte run: set or clear continuation bits
        const at = pos();
        b[at] = r.next() < 0.5 ? b[at] | 0x80 : b[at] & 0x7f;
        break;
      }
      case 16: {
        // fill a range with one byte (zeros, 0xff, or a copy of its first byte)
        const at = pos();
        const n = len(b.length - at);
        const v = [0, 0xff, b[at]][r.below(3)];
        for (let k = 0; k < n && at + k < b.length; k++) b[at + k] = v;
        break;
      }
      case 17: {
        // repeat a short run many times (nesting and count bombs)
        const at = pos();
        const run = b.slice(at, at + 1 + r.below(4));
        const times = 2 + r.below(64);
        const ins = [];
        for (let k = 0; k < times; k++) ins.push(...run);
        b.splice(at, 0, ...ins);
        break;
      }
      default: {
        // add to a little/big-endian 32-bit value
        if (b.length < 4) break;
        const at = r.below(b.length - 3);
        const delta = (r.next() < 0.5 ? 1 : -1) * (1 + r.below(35));
        if (r.next() < 0.5) {
          const v = (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) + delta;
          for (let k = 0; k < 4; k++) b[at + k] = (v >>> (8 * k)) & 0xff;
        } else {
          const v = ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) + delta;
          for (let k = 0; k < 4; k++) b[at + 3 - k] = (v >>> (8 * k)) & 0xff;
        }
        break;
      }
    }
    if (b.length > maxLen) b.length = maxLen;
  }
  return Uint8Array.from(b);
}
