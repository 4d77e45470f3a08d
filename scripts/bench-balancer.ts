// The round-robin balancer in front of BENCH_APP_INSTANCES > 1 `next start` processes, in a process
// of its own so its CPU is counted apart from the apps' and the load generator's.
//   BALANCER_PORT      where it listens on 127.0.0.1
//   BALANCER_BACKENDS  the instances' URLs, comma-separated
import { startRoundRobinProxy } from "../server/testing/round-robin-proxy";

const backends = (process.env.BALANCER_BACKENDS ?? "").split(",").filter(Boolean);
const proxy = await startRoundRobinProxy({ backends, port: Number(process.env.BALANCER_PORT ?? 0) });
console.log(`[balancer] ${proxy.url} → ${backends.join(", ")}`);
const stop = () => proxy.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
