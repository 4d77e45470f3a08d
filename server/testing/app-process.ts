import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

/**
 * The app's HTTP side in a child Node process (app-process-main.ts), so a test can SIGKILL it and
 * start a new one on the same port. Node runs the script itself with tsx as a loader (not the tsx
 * CLI, which would put a second process in between and a kill would miss the app). Start-up is
 * bounded in time; a child still running when the test process exits is killed then, and one whose
 * test process died without exiting (SIGKILL) exits by itself within a second.
 */
export interface AppProcess {
  pid: number;
  /** Resolves when the child has exited: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` and waits (bounded) for the child to be gone. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the child wrote on stderr, for failure messages. */
  stderr(): string;
}

const SCRIPT = path.join(import.meta.dirname, "app-process-main.ts");
const START_TIMEOUT_MS = 45_000;
const EXIT_TIMEOUT_MS = 10_000;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killAllOnExit() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startAppProcess(options: { port: number; env: NodeJS.ProcessEnv }): Promise<AppProcess> {
  killAllOnExit();
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    env: { ...options.env, APP_PROCESS_PORT: String(options.port), APP_PROCESS_PARENT_PID: String(process.pid) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the app process ${child.pid} did not exit within ${EXIT_TIMEOUT_MS} ms of ${signal}`)), EXIT_TIMEOUT_MS);
    });
    try {
      return await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const ready = new Promise<void>((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(`ready ${options.port}\n`)) resolve();
    });
    child.once("error", (error) => reject(new Error(`could not start the app process: ${error.message}`)));
    void exited.then(({ code, signal }) => reject(new Error(`the app process exited before it listened (code ${code}, signal ${signal}):\n${stderr}`)));
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the app process did not listen on port ${options.port} within ${START_TIMEOUT_MS} ms:\n${stderr}`)), START_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    await kill("SIGKILL").catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { pid: child.pid!, exited, kill, stderr: () => stderr };
}
