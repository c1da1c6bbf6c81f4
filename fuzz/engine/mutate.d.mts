export interface Rng {
  next(): number;
  below(n: number): number;
}
export function rng(seed: number): Rng;
export function mutate(
  input: Uint8Array,
  r: Rng,
  corpus: Uint8Array[],
  dict: Uint8Array[],
  maxLen: number,
): Uint8Array;
