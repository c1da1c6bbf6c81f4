// The demo's policy server, run as its own process by main.ts (a robot and its policy server are two
// processes; here, two cores). Talks to its parent over the IPC channel:
//   → { address }            once listening
//   ← "stats"  → { observations, setups }
//   ← "close"  → exits after a graceful shutdown
import { createPolicyServer } from "../../src/grpc/index.js";
import type { Format } from "../../src/index.js";
import { createDemoPolicy } from "./policy.js";

const format = (process.argv[2] ?? "protobuf") as Format;
const send = (m: unknown) => process.send?.(m);

const policy = createDemoPolicy();
const server = await createPolicyServer(policy.handlers, {
  address: "127.0.0.1:0",
  insecure: true,
  formats: [format],
  onRefused: (e) => console.log(`  [server] refused ${e.method} from ${e.peer}: ${e.status} ${e.code ?? ""}`),
});
send({ address: server.address });
process.on("message", async (m) => {
  if (m === "stats") send({ observations: policy.observations, setups: policy.setups });
  if (m === "close") {
    await server.close(1000);
    process.disconnect?.();
  }
});
process.on("disconnect", () => void server.close(1000));
