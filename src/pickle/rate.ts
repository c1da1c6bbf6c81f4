/**
 * Ratings for a disassembled pickle:
 * - `safe`: data opcodes only. Loading it builds numbers, strings, bytes, lists, tuples, dicts and sets.
 * - `suspicious`: it also imports names from ALLOWLIST (and calls them, or updates what they made),
 *   or uses persistent ids. No known path from these to running code, but loading still runs library
 *   constructors: load it only with a restricted unpickler (an allowlisting `find_class`, or
 *   `torch.load(weights_only=True)`), or better, convert it to a safewire format. A scan also rates a
 *   file suspicious when bytes after a pickle's STOP are not a pickle it can read, or when a pickle
 *   fails after its first opcode (truncated or malformed): the rest was not checked.
 * - `dangerous`: anything else: an import that is not on the allowlist, an import or a callee the
 *   scanner cannot resolve, a call on something that is not an allowlisted import, attributes or items
 *   set on an imported object itself, a scan that stopped on a limit (the rest was not checked), or a
 *   ZIP archive that cannot be read (for one, with two end records that readers choose between).
 *
 * Matching is exact on `module.name` after CPython's Python 2 import fixes: protocol 4+ resolves dots
 * in the name (`collections` + `OrderedDict.__init__.__globals__` walks attributes), so an allowlisted
 * module with any other name is not allowlisted.
 */
import type { Disassembly, PickleCall, PickleGlobal } from "./disassemble.js";

export type Rating = "safe" | "suspicious" | "dangerous";

const ORDER: Record<Rating, number> = { safe: 0, suspicious: 1, dangerous: 2 };

/** The worse of two ratings. */
export function worse(a: Rating, b: Rating): Rating {
  return ORDER[b] > ORDER[a] ? b : a;
}

/** 0, 1 or 2: the CLI's exit status for a rating. */
export function ratingLevel(r: Rating): 0 | 1 | 2 {
  return ORDER[r] as 0 | 1 | 2;
}

const NUMPY_RECONSTRUCT =
  "numpy's ndarray reconstructor: makes an empty array of the given ndarray subtype and dtype, which " +
  "ndarray.__setstate__ (BUILD) then fills from raw bytes; evaluates nothing";
const NUMPY_SCALAR = "a numpy scalar from a dtype and its raw bytes";
const NUMPY_FROMBUFFER = "numpy arrays at protocol 5: an array over an in-band bytes buffer, then reshaped";
const TORCH_STORAGE =
  "a storage type named inside a PyTorch persistent id; torch.load's persistent_load reads the data " +
  "from the archive, the pickle never calls it";
const TORCH_DTYPE = "a PyTorch dtype constant; not callable";
const ALLOCATES =
  "; note that called with one huge integer it allocates that many bytes (a memory, not a code, risk)";

/**
 * Imports that make a file `suspicious` rather than `dangerous`: the reconstructors that Python,
 * numpy and PyTorch write for plain data, each of which builds a value from its arguments and
 * neither evaluates text, imports by name, calls an argument, nor touches files or processes.
 *
 * Deliberately absent: `builtins.getattr` (reaches any attribute, e.g. `getattr(module, "system")`,
 * the usual first step of an exploit), `setattr`/`delattr` (change modules and classes), `eval`,
 * `exec`, `compile`, `__import__`, `open`, `input`, `breakpoint`, `globals`/`vars`/`locals`,
 * `type` and `object` (build classes), `copyreg._reconstructor` (calls `__new__`/`__init__` of any
 * class it is handed; only user classes need it), `torch._tensor._rebuild_from_type_v2` (calls its
 * first argument: a call trampoline), and harmless but never-written types such as `builtins.int`
 * (a file that names them is unusual enough to read). Pass more names with `--allow module.name`.
 */
export const ALLOWLIST: ReadonlyMap<string, string> = new Map([
  [
    "collections.OrderedDict",
    "a dict subclass, pickled as a call with no arguments plus SETITEMS; PyTorch state dicts are OrderedDicts",
  ],
  ["numpy.core.multiarray._reconstruct", NUMPY_RECONSTRUCT],
  ["numpy._core.multiarray._reconstruct", `${NUMPY_RECONSTRUCT} (numpy 2 module path)`],
  ["numpy.ndarray", "the array type handed to _reconstruct"],
  [
    "numpy.dtype",
    "parses a dtype description (a type code such as 'f4', no evaluation); BUILD sets byte order",
  ],
  ["numpy.core.multiarray.scalar", NUMPY_SCALAR],
  ["numpy._core.multiarray.scalar", `${NUMPY_SCALAR} (numpy 2 module path)`],
  ["numpy.core.numeric._frombuffer", NUMPY_FROMBUFFER],
  ["numpy._core.numeric._frombuffer", `${NUMPY_FROMBUFFER} (numpy 2 module path)`],
  [
    "torch._utils._rebuild_tensor_v2",
    "a tensor view (offset, size, stride) over a storage that torch.load's persistent_load supplied",
  ],
  ["torch._utils._rebuild_tensor", "the older form of _rebuild_tensor_v2"],
  ["torch._utils._rebuild_parameter", "wraps a rebuilt tensor as nn.Parameter"],
  [
    "torch._utils._rebuild_parameter_with_state",
    "wraps a rebuilt tensor as nn.Parameter and sets its instance attributes",
  ],
  ["torch.Size", "a tuple subclass of dimensions"],
  ["torch.device", "parses a device name such as 'cpu' or 'cuda:0'"],
  ...[
    "Float",
    "Double",
    "Half",
    "BFloat16",
    "Long",
    "Int",
    "Short",
    "Char",
    "Byte",
    "Bool",
    "ComplexFloat",
    "ComplexDouble",
    "QInt8",
    "QUInt8",
    "QInt32",
  ].map((t): [string, string] => [`torch.${t}Storage`, TORCH_STORAGE]),
  ["torch.storage.UntypedStorage", TORCH_STORAGE],
  ...[
    "float16",
    "float32",
    "float64",
    "bfloat16",
    "complex64",
    "complex128",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "bool",
  ].map((t): [string, string] => [`torch.${t}`, TORCH_DTYPE]),
  ["builtins.set", "how Python pickles a set before protocol 4: set(list_of_items)"],
  ["builtins.frozenset", "how Python pickles a frozenset before protocol 4: frozenset(list_of_items)"],
  ["builtins.bytes", `how Python pickles b'' before protocol 3${ALLOCATES}`],
  ["builtins.bytearray", `how Python pickles a bytearray before protocol 5${ALLOCATES}`],
  ["builtins.complex", "how Python pickles a complex number: complex(real, imag)"],
  ["builtins.slice", "how Python pickles a slice: slice(start, stop, step)"],
  ["builtins.range", "how Python pickles a range: range(start, stop, step); lazy, allocates nothing"],
  [
    "_codecs.encode",
    "how Python 3 pickles bytes at protocols 0 to 2: encode(text, 'latin1'); codecs are looked up by name " +
      "only inside the encodings package",
  ],
]);

/** Why some well-known imports are dangerous, for the report; everything not allowlisted is dangerous regardless. */
const KNOWN: readonly [RegExp, string][] = [
  [
    /^(os|posix|nt)\.(system|popen|exec\w*|spawn\w*|posix_spawn\w*|fork\w*)$/,
    "runs a command or replaces the process",
  ],
  [/^(os|posix|nt)\./, "operating-system access: files, processes, environment"],
  [/^subprocess\./, "starts a process"],
  [/^(builtins|__builtin__)\.(eval|exec|compile|execfile)$/, "runs Python code"],
  [/^(builtins|__builtin__)\.__import__$|^importlib(\.|$)/, "imports any module"],
  [
    /^(builtins|__builtin__)\.getattr$/,
    "reaches any attribute of an object: the usual first step towards os.system",
  ],
  [/^(builtins|__builtin__)\.(setattr|delattr)$/, "changes attributes of modules and classes"],
  [/^(builtins|__builtin__)\.(open|input|breakpoint)$/, "opens files or talks to the terminal"],
  [/^runpy\./, "runs a module as a script"],
  [
    /^(pickle|_pickle|cPickle|dill|joblib|marshal|shelve)\./,
    "unpickles nested data, which this scan cannot see",
  ],
  [/^(pty|code|codeop|pdb|ctypes|cffi)\./, "runs code or a shell"],
  [/^(socket|http|urllib|requests|webbrowser|ftplib|smtplib)(\.|$)/, "network access"],
  [/^(shutil|tempfile|pathlib|io|glob)\./, "file-system access"],
  [/^sys\./, "changes the interpreter's state"],
];

function why(qualified: string): string {
  for (const [re, text] of KNOWN) if (re.test(qualified)) return `: ${text}`;
  return "";
}

export interface Reason {
  rating: Exclude<Rating, "safe">;
  /** A sentence, without the offset. */
  message: string;
  /** The first byte offset where it applies. */
  offset: number;
  /** How many times it applies (a PyTorch checkpoint calls _rebuild_tensor_v2 once per tensor). */
  count: number;
}

export interface Rated {
  rating: Rating;
  /** Dangerous reasons first, then suspicious, each in stream order. */
  reasons: Reason[];
}

export interface RateOptions {
  /** More `module.name`s to treat as allowlisted. */
  allow?: Iterable<string>;
}

/** An allowlist lookup: `ALLOWLIST` plus `extra`. */
export function makeAllowlist(extra: Iterable<string> = []): (qualified: string) => boolean {
  const more = new Set(extra);
  return (q) => ALLOWLIST.has(q) || more.has(q);
}

const CALL_OPS = new Set<PickleCall["op"]>(["REDUCE", "INST", "OBJ", "NEWOBJ", "NEWOBJ_EX"]);

/** Collects reasons into a rating; one Reason per distinct message. */
export class RatingBuilder {
  private readonly byMessage = new Map<string, Reason>();

  add(rating: Reason["rating"], message: string, offset: number): void {
    const r = this.byMessage.get(message);
    if (r === undefined) this.byMessage.set(message, { rating, message, offset, count: 1 });
    else {
      r.count++;
      if (offset < r.offset) r.offset = offset;
    }
  }

  done(): Rated {
    const reasons = [...this.byMessage.values()].sort(
      (a, b) => ORDER[b.rating] - ORDER[a.rating] || a.offset - b.offset,
    );
    let rating: Rating = "safe";
    for (const r of reasons) rating = worse(rating, r.rating);
    return { rating, reasons };
  }
}

/** A reason's rating and message. */
type Said = [Reason["rating"], string];

/**
 * Reasons made once per name and kind of finding. A name can be 1 KiB long and repeated by the memo in
 * every one of 200,000 findings: a reason built anew for each (and hashed as a RatingBuilder key) cost
 * its length each time, seconds and hundreds of megabytes for a 1 MB pickle. The names are the
 * disassembler's shared strings, whose hashes V8 keeps, so a lookup here costs the same for any length.
 */
class Reasons {
  private readonly byName = new Map<string, Map<string, Said>>();

  constructor(readonly allowed: (q: string) => boolean) {}

  get(name: string, kind: string, make: () => Said): Said {
    let byKind = this.byName.get(name);
    if (byKind === undefined) {
      byKind = new Map();
      this.byName.set(name, byKind);
    }
    let r = byKind.get(kind);
    if (r === undefined) {
      r = make();
      byKind.set(kind, r);
    }
    return r;
  }
}

function rateGlobal(g: PickleGlobal, reasons: Reasons, out: RatingBuilder): void {
  const [rating, message] = reasons.get(g.qualified, g.resolved ? "import" : g.via, () => {
    if (!g.resolved)
      return ["dangerous", `${g.via} imports something the scanner cannot resolve: ${g.qualified}`];
    if (reasons.allowed(g.qualified)) return ["suspicious", `imports ${g.qualified} (allowlisted)`];
    return ["dangerous", `imports ${g.qualified}, which is not on the allowlist${why(g.qualified)}`];
  });
  out.add(rating, message, g.offset);
}

function rateCall(c: PickleCall, reasons: Reasons, out: RatingBuilder): void {
  // A call's reason depends only on its operation, its target's kind and the callee's name.
  const [rating, message] =
    c.callee !== undefined && (c.target === "global" || c.target === "instance")
      ? reasons.get(c.callee, `${c.op} ${c.target}`, () => callReason(c, reasons.allowed))
      : callReason(c, reasons.allowed);
  out.add(rating, message, c.offset);
}

function callReason(c: PickleCall, allowed: (q: string) => boolean): Said {
  if (c.op === "PERSID" || c.op === "BINPERSID") {
    return [
      "suspicious",
      `${c.op} hands a persistent id to the loader's persistent_load (torch.load reads tensor storage; pickle.loads refuses it)`,
    ];
  }
  const isCall = CALL_OPS.has(c.op);
  const verb = isCall ? "calls" : c.op === "BUILD" ? "sets the state of" : "adds items to";
  switch (c.target) {
    case "global": {
      const callee = c.callee as string;
      if (!isCall) return ["dangerous", `${c.op} ${verb} the imported object ${callee} itself`];
      if (allowed(callee)) return ["suspicious", `${c.op} calls ${callee} (allowlisted)`];
      return ["dangerous", `${c.op} calls ${callee}${why(callee)}`];
    }
    case "instance": {
      const callee = c.callee as string;
      if (isCall) return ["dangerous", `${c.op} calls the object that ${callee} returned`];
      if (allowed(callee)) return ["suspicious", `${c.op} ${verb} a ${callee} object (allowlisted)`];
      return ["dangerous", `${c.op} ${verb} a ${callee} object`];
    }
    case "data":
      return ["dangerous", `${c.op} calls a plain data value, which no pickler writes`];
    case "unresolved":
      return ["dangerous", `${c.op} ${verb} ${c.detail ?? "a value the scanner cannot resolve"}`];
  }
}

/** Adds the reasons for a disassembly's imports and calls to `out`. */
export function rateInto(
  d: Pick<Disassembly, "globals" | "calls">,
  out: RatingBuilder,
  opts: RateOptions = {},
): void {
  const reasons = new Reasons(makeAllowlist(opts.allow));
  for (const g of d.globals) rateGlobal(g, reasons, out);
  for (const c of d.calls) rateCall(c, reasons, out);
}

/** Rates one disassembly (or its partial result). */
export function rate(d: Pick<Disassembly, "globals" | "calls">, opts: RateOptions = {}): Rated {
  const out = new RatingBuilder();
  rateInto(d, out, opts);
  return out.done();
}
