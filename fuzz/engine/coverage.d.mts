export interface ScriptCoverage {
  url: string;
  functions: { functionName: string; ranges: { startOffset: number; endOffset: number; count: number }[] }[];
}
export class V8Coverage {
  post(method: string, params?: object): unknown;
  take(): ScriptCoverage[];
  stop(): void;
}
export class CoverageMap {
  constructor(include: (url: string) => boolean);
  readonly covered: number;
  readonly probes: number;
  merge(result: ScriptCoverage[], dryRun?: boolean): number;
}
export function lineCoverage(
  result: ScriptCoverage[],
  sources: [url: string, text: string][],
): { file: string; lines: number; covered: number }[];
