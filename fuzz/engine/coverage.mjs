// Block coverage from V8 (node:inspector, Profiler.takePreciseCoverage), turned into fuzzer feedback.
//
// V8 reports, per function, a list of nested source ranges with execution counts since the last take,
// and merges away any block whose count equals its parent's. So a block is a "probe" from the first
// time V8 reports its range, and it is covered once the innermost reported range around it has a
// non-zero count. No instrumentation, no source transform: the code that runs is the code that ships.
import { Session } from "node:inspector";

/** A synchronous wrapper over an inspector session on this thread. */
export class V8Coverage {
  constructor() {
    this.session = new Session();
    this.session.connect();
    this.post("Profiler.enable");
    this.post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  }

  post(method, params) {
    let result;
    let error;
    this.session.post(method, params, (err, res) => {
      error = err;
      result = res;
    });
    if (error) throw error;
    return result;
  }

  /** Counts since the previous take (which resets them). */
  take() {
    return this.post("Profiler.takePreciseCoverage").result;
  }

  stop() {
    this.post("Profiler.stopPreciseCoverage");
    this.post("Profiler.disable");
    this.session.disconnect();
  }
}

const SHIFT = 33_554_432; // 2^25: function keys are start * 2^25 + end, exact below 2^53.

/**
 * Which probes have ever been covered. `merge` adds one take's coverage and returns how many probes it
 * covered for the first time; with `dryRun` it only counts them (new probes are still registered).
 */
export class CoverageMap {
  /** @param {(url: string) => boolean} include which scripts count */
  constructor(include) {
    this.include = include;
    /** url -> (function key -> { starts: number[], ends: number[], covered: Uint8Array-like number[] }) */
    this.scripts = new Map();
    this.covered = 0;
    this.probes = 0;
  }

  merge(result, dryRun = false) {
    let fresh = 0;
    for (const script of result) {
      if (!this.include(script.url)) continue;
      let fns = this.scripts.get(script.url);
      if (fns === undefined) {
        fns = new Map();
        this.scripts.set(script.url, fns);
      }
      for (const fn of script.functions) {
        const ranges = fn.ranges;
        const head = ranges[0];
        if (head === undefined) continue;
        const key = head.startOffset * SHIFT + head.endOffset;
        let info = fns.get(key);
        if (info === undefined) {
          info = { starts: [], ends: [], covered: [], seen: new Set() };
          fns.set(key, info);
        }
        // New probes: every range reported for the first time, registered even on a dry run, so that a
        // block whose count only differs from its parent's in aggregate is judged the same way per input.
        for (const r of ranges) {
          const rk = r.startOffset * SHIFT + r.endOffset;
          if (!info.seen.has(rk)) {
            info.seen.add(rk);
            info.starts.push(r.startOffset);
            info.ends.push(r.endOffset);
            info.covered.push(0);
            this.probes++;
          }
        }
        // Every uncovered probe: the count of the innermost reported range that holds it.
        const n = info.starts.length;
        for (let p = 0; p < n; p++) {
          if (info.covered[p] === 1) continue;
          if (countAt(ranges, info.starts[p], info.ends[p]) > 0) {
            fresh++;
            if (!dryRun) {
              info.covered[p] = 1;
              this.covered++;
            }
          }
        }
      }
    }
    return fresh;
  }

  /** Every known probe one take covers (covered before or not), as ids; registers new probes first. */
  hits(result) {
    this.merge(result, true);
    const out = [];
    for (const script of result) {
      const fns = this.scripts.get(script.url);
      if (fns === undefined) continue;
      for (const fn of script.functions) {
        const head = fn.ranges[0];
        if (head === undefined) continue;
        const key = head.startOffset * SHIFT + head.endOffset;
        const info = fns.get(key);
        if (info === undefined) continue;
        for (let p = 0; p < info.starts.length; p++) {
          if (countAt(fn.ranges, info.starts[p], info.ends[p]) > 0) out.push(`${script.url}#${key}#${p}`);
        }
      }
    }
    return out;
  }
}

/** The count of the innermost range that holds [start, end), or -1 when none does. */
function countAt(ranges, start, end) {
  let best = -1;
  let bestStart = -1;
  let bestEnd = Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    if (r.startOffset <= start && end <= r.endOffset) {
      if (r.startOffset > bestStart || (r.startOffset === bestStart && r.endOffset < bestEnd)) {
        best = i;
        bestStart = r.startOffset;
        bestEnd = r.endOffset;
      }
    }
  }
  return best >= 0 ? ranges[best].count : -1;
}

/**
 * Line coverage of the given files from one cumulative take (no resets in between), the way c8 reads
 * V8 coverage: a line counts when its first non-blank character lies in code that ran.
 * @returns {{file: string, lines: number, covered: number}[]}
 */
export function lineCoverage(result, sources) {
  const out = [];
  for (const [url, text] of sources) {
    const script = result.find((s) => s.url === url);
    const ranges = [];
    if (script) for (const fn of script.functions) for (const r of fn.ranges) ranges.push(r);
    let lines = 0;
    let covered = 0;
    let offset = 0;
    for (const line of text.split("\n")) {
      const trimmed = line.trim();
      const code = trimmed !== "" && !trimmed.startsWith("//") && !/^[}\])\s;,]*$/.test(trimmed);
      if (code) {
        lines++;
        const at = offset + line.indexOf(trimmed[0]);
        let best;
        for (const r of ranges) {
          if (r.startOffset <= at && at < r.endOffset) {
            if (best === undefined || r.endOffset - r.startOffset <= best.endOffset - best.startOffset)
              best = r;
          }
        }
        if (best !== undefined && best.count > 0) covered++;
      }
      offset += line.length + 1;
    }
    out.push({ file: url, lines, covered });
  }
  return out;
}
