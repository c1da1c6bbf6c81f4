// `npm run demo [-- --format protobuf|msgpack|avro] [--seconds 3]`
//
// A policy server on 127.0.0.1 with a small deterministic policy, and a simulated SO-100 arm that sends
// its PolicySetup, then streams observations (6 joints, two 480×640 RGB cameras) at 30 Hz while it
// receives an action chunk for each one (StreamActions) and pulls some (GetActions). Then it plays the
// attacker: a LeRobot-style pickle exploit sent as the raw bytes of an observation and of a policy setup.
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  createPolicyClient,
  createRawClient,
  envelopeCodec,
  POLICY_ENVELOPE_SERVICE,
  POLICY_METHODS,
  POLICY_SERVICE,
} from "../../src/grpc/index.js";
import type { Format } from "../../src/index.js";
import { loadCodec } from "../../src/robotics/index.js";
import { pickleExploit } from "./exploit.js";
import { DEFAULT_CHUNK } from "./policy.js";
import { CAMERAS, HEIGHT, observationAt, so100Setup, WIDTH } from "./robot.js";

const { values } = parseArgs({
  options: {
    format: { type: "string", default: "protobuf" },
    seconds: { type: "string", default: "3" },
    hz: { type: "string", default: "30" },
  },
});
const format = values.format as Format;
if (!["protobuf", "msgpack", "avro"].includes(format)) {
  console.error(`--format must be protobuf, msgpack or avro, not "${values.format}"`);
  process.exit(2);
}
const seconds = Number(values.seconds);
const hz = Number(values.hz);
if (!(seconds > 0 && seconds <= 600 && hz > 0 && hz <= 1000)) {
  console.error("--seconds must be in (0, 600] and --hz in (0, 1000]");
  process.exit(2);
}

const tty = process.stdout.isTTY === true;
const ms = (x: number) => `${x.toFixed(1)} ms`;
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main(): Promise<number> {
  console.log(`safewire demo: PolicyService over gRPC on 127.0.0.1, ${format} payloads`);
  // The policy server runs in its own process, as it would next to a real robot.
  const child: ChildProcess = fork(new URL("./server.ts", import.meta.url), [format], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [ready] = (await Promise.race([
    once(child, "message"),
    once(child, "exit").then(([code]) => {
      throw new Error(`the policy server exited with ${code}`);
    }),
  ])) as [{ address: string }];
  const server = {
    address: ready.address,
    stats: async () => {
      child.send("stats");
      const [m] = await once(child, "message");
      return m as { observations: number; setups: number };
    },
    close: async () => {
      if (child.exitCode !== null) return;
      child.send("close");
      const timer = setTimeout(() => child.kill(), 3000);
      await once(child, "exit");
      clearTimeout(timer);
    },
  };
  const via = format === "protobuf" ? "PolicyService" : `PolicyEnvelopeService (${format} inside Envelope)`;
  console.log(`policy server listening on ${server.address} — ${via}`);
  console.log(`policy: fixed linear map, 6-joint state → ${DEFAULT_CHUNK}×6 action chunk (float32)\n`);

  const robot = createPolicyClient(server.address, { insecure: true, format });
  const observationCodec = await loadCodec("Observation", format);
  const obsBytes = observationCodec.encode(observationAt(0)).length;
  let exitCode = 0;
  try {
    await robot.ready();
    await robot.sendPolicyInstructions(so100Setup(DEFAULT_CHUNK));
    console.log(
      `robot (SO-100 sim): PolicySetup sent (act, ${DEFAULT_CHUNK} actions/chunk); streaming observations at ${hz} Hz ` +
        `for ${seconds} s: 6 joints + ${CAMERAS.length} × ${HEIGHT}×${WIDTH} RGB = ${(obsBytes / 1e6).toFixed(2)} MB each`,
    );

    // Round trip: an observation written → the action chunk computed from it, back on StreamActions.
    const sentAt = new Map<bigint, number>();
    const latencies: number[] = [];
    let streamed = 0;
    let pulled = 0;
    let sent = 0;
    const controller = new AbortController();
    const stream = robot.streamActions({ signal: controller.signal });
    const reading = (async () => {
      try {
        for await (const chunk of stream) {
          streamed++;
          const t = sentAt.get(chunk.timestep);
          if (t !== undefined) {
            latencies.push(performance.now() - t);
            sentAt.delete(chunk.timestep);
          }
        }
      } catch (err) {
        if (!controller.signal.aborted) throw err;
      }
    })();

    const total = Math.round(seconds * hz);
    const t0 = performance.now();
    let lastPrint = 0;
    const progress = (final = false) => {
      const elapsed = (performance.now() - t0) / 1000;
      const sorted = [...latencies].sort((a, b) => a - b);
      const line =
        `  t=${elapsed.toFixed(1)}s  observations ${sent}/${total}  chunks ${streamed} streamed + ${pulled} pulled  ` +
        `p50 ${ms(percentile(sorted, 50))}  p99 ${ms(percentile(sorted, 99))}  ${((sent * obsBytes) / 1e6 / elapsed).toFixed(1)} MB/s`;
      if (tty) process.stdout.write(`\r${line}${final ? "\n" : ""}`);
      else if (final || elapsed - lastPrint >= 0.9) {
        console.log(line);
        lastPrint = elapsed;
      }
    };
    const ticker = setInterval(() => progress(), tty ? 200 : 1000);

    async function* observations() {
      for (let k = 0; k < total; k++) {
        const wait = t0 + (k * 1000) / hz - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const obs = observationAt(k);
        sentAt.set(obs.timestep, performance.now());
        sent++;
        yield obs;
        if (k % 10 === 9) {
          // Pull too, as LeRobot's client does: the chunk for the latest observation the server has.
          robot.getActions().then(
            () => void pulled++,
            () => {},
          );
        }
      }
    }
    await robot.sendObservations(observations());
    const final = await robot.getActions();
    pulled++;
    await new Promise((r) => setTimeout(r, 100)); // the last streamed chunks
    clearInterval(ticker);
    progress(true);
    controller.abort();
    await reading;
    const elapsed = (performance.now() - t0) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `exchanged: ${sent} observations (${((sent * obsBytes) / 1e6).toFixed(1)} MB) and ${streamed + pulled} action chunks ` +
        `in ${elapsed.toFixed(1)} s; observation → action round trip p50 ${ms(percentile(sorted, 50))}, ` +
        `p99 ${ms(percentile(sorted, 99))}; ${((sent * obsBytes) / 1e6 / elapsed).toFixed(1)} MB/s`,
    );
    console.log(
      `last chunk: timestep ${final.timestep}, actions [${final.actions.shape.join("×")}] ${final.actions.dtype}, ` +
        `${final.action_names.length} joint names`,
    );
    const stats = await server.stats();
    console.log(`policy server: ${stats.setups} PolicySetup, ${stats.observations} observations taken`);
    if (stats.observations !== sent) exitCode = 1;

    // The attacker.
    const marker = join(tmpdir(), `safewire-demo-pwned-${process.pid}`);
    rmSync(marker, { force: true });
    const exploit = pickleExploit(marker);
    console.log(
      `\nattacker: a LeRobot-style pickle exploit (protocol 4, __reduce__ → os.system("touch ${marker}"), ` +
        `${exploit.length} bytes), as the raw bytes of an Observation and of a PolicySetup`,
    );
    const raw = createRawClient(server.address, { insecure: true });
    try {
      const service = format === "protobuf" ? POLICY_SERVICE : POLICY_ENVELOPE_SERVICE;
      // On the envelope service the message's bytes are the Envelope's payload.
      const payload =
        format === "protobuf" ? exploit : envelopeCodec(1 << 20).encode({ format, payload: exploit });
      const metadata: Record<string, string> = format === "protobuf" ? {} : { "safewire-format": format };
      for (const spec of [POLICY_METHODS.sendObservations, POLICY_METHODS.sendPolicyInstructions]) {
        const out = await raw.call(service, spec, [payload], { metadata });
        const sw = out.error?.safewire;
        const ok = !out.ok && sw?.code === "unsafe_payload";
        if (!ok) exitCode = 1;
        console.log(
          `  ${spec.name}: ${out.ok ? "ACCEPTED (!)" : out.error?.status} safewire-code=${sw?.code ?? "-"}` +
            ` — ${out.error?.details ?? ""}`,
        );
      }
      await robot.ready();
      console.log("  server still serving: Ready OK");
    } finally {
      raw.close();
    }
    const created = existsSync(marker);
    if (created) exitCode = 1;
    console.log(`  marker file ${marker}: ${created ? "CREATED (!)" : "not created"}`);
    console.log(
      exitCode === 0
        ? "\nok: data went through as data; the pickle was refused by name and never loaded."
        : "\nFAILED: see above.",
    );
  } finally {
    robot.close();
    await server.close();
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
