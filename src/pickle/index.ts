/**
 * `safewire/pickle`: the static pickle analyser. Reads pickles; never loads, imports or runs anything.
 *
 * @module safewire/pickle
 */
export type {
  CallOp,
  CallTarget,
  DisassembleOptions,
  Disassembly,
  GlobalVia,
  PartialDisassembly,
  PickleCall,
  PickleGlobal,
  PickleOp,
} from "./disassemble.js";
export { disassemble, disassemblePartial } from "./disassemble.js";
export type {
  PickleErrorCode,
  PickleErrorSource,
  PickleLimits,
  PickleScanErrorInit,
  ScanLimits,
  ZipLimits,
} from "./errors.js";
export {
  DEFAULT_PICKLE_LIMITS,
  DEFAULT_SCAN_LIMITS,
  DEFAULT_ZIP_LIMITS,
  isPickleScanError,
  PickleScanError,
  resolveScanLimits,
} from "./errors.js";
export type { ArgKind, OpcodeInfo, OpName } from "./opcodes.js";
export { HIGHEST_PROTOCOL, OPCODE_BY_BYTE, OPCODES } from "./opcodes.js";
export type { Rated, RateOptions, Rating, Reason } from "./rate.js";
export { ALLOWLIST, rate, ratingLevel, worse } from "./rate.js";
export type { ScanErrorInfo, ScanKind, ScanOptions, ScanReport } from "./scan.js";
export { scanBytes, scanSource } from "./scan.js";
export type { ByteSource, ZipBudget, ZipEntry } from "./zip.js";
export { bytesSource, looksLikeZip, readZipDirectory, readZipEntry } from "./zip.js";
