import { type Limits, resolveLimits } from "../limits.js";
import { checkMessageName, type MessageName } from "./messages.js";

const KiB = 1024;
const MiB = 1024 * KiB;

/** What every robotics message shares: shallow nesting, short strings, short name lists. */
const COMMON = {
  maxDepth: 16,
  maxStringBytes: 64 * KiB,
  maxArrayLength: 65_536,
  maxMapEntries: 65_536,
} as const;

/**
 * Default limits of each message, sized for real robots and no bigger:
 * - Observation and Transition: 16 MiB in all, 4 MiB per binary. Four 640×480 RGB cameras (921,600 bytes
 *   each, ALOHA's rig) pass; one 1920×1080 RGB frame (6,220,800 bytes) needs an explicit limit.
 * - Image: 4 MiB. Tensor: 16 MiB. ActionChunk: 1 MiB (1000 actions × 64 float64 values is 512 KiB).
 * - Parameters: 64 MiB (a small policy's state dict; stream bigger models in parts or raise it).
 * - PolicySetup and InteractionStats: 1 MiB and 64 KiB, with no binaries at all.
 * Strings are at most 64 KiB, lists and maps at most 65,536 entries, nesting at most 16 levels.
 */
export const MESSAGE_LIMITS: { readonly [M in MessageName]: Readonly<Limits> } = Object.freeze({
  Tensor: Object.freeze({ ...COMMON, maxBytes: 16 * MiB, maxBinaryBytes: 16 * MiB }),
  Image: Object.freeze({ ...COMMON, maxBytes: 4 * MiB, maxBinaryBytes: 4 * MiB }),
  Observation: Object.freeze({ ...COMMON, maxBytes: 16 * MiB, maxBinaryBytes: 4 * MiB }),
  ActionChunk: Object.freeze({ ...COMMON, maxBytes: 1 * MiB, maxBinaryBytes: 1 * MiB }),
  PolicySetup: Object.freeze({ ...COMMON, maxBytes: 1 * MiB, maxBinaryBytes: 1 * MiB }),
  Transition: Object.freeze({ ...COMMON, maxBytes: 16 * MiB, maxBinaryBytes: 4 * MiB }),
  Parameters: Object.freeze({ ...COMMON, maxBytes: 64 * MiB, maxBinaryBytes: 64 * MiB }),
  InteractionStats: Object.freeze({ ...COMMON, maxBytes: 64 * KiB, maxBinaryBytes: 64 * KiB }),
});

/**
 * A message's limits with `partial` over its defaults. As everywhere in safewire, giving `maxBytes`
 * without `maxBinaryBytes` makes the binary limit follow it: `{ maxBytes: 8 << 20 }` lets one 6 MB
 * frame through. Throws TypeError on an unknown message, or an unknown or non-positive limit.
 */
export function limitsFor(message: MessageName, partial: Partial<Limits> = {}): Readonly<Limits> {
  checkMessageName(message);
  const base = MESSAGE_LIMITS[message];
  const follow = partial.maxBytes !== undefined && partial.maxBinaryBytes === undefined;
  return resolveLimits(follow ? { ...partial, maxBinaryBytes: partial.maxBytes } : partial, base);
}
