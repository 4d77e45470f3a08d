import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";

// Run in a child process: replacing process.env is global, and the test must see a fresh one.
test("after start-up the environment is a plain object with the same values, still writable", () => {
  const script = `
    import { adoptPlainEnvironmentCopy } from "./server/runtime/plain-env.ts";
    const before = process.env.RINGBACK_PLAIN_ENV_PROBE;
    adoptPlainEnvironmentCopy();
    adoptPlainEnvironmentCopy();
    process.env.RINGBACK_WRITTEN = "yes";
    console.log(JSON.stringify({
      plain: Object.getPrototypeOf(process.env) === Object.prototype,
      before, after: process.env.RINGBACK_PLAIN_ENV_PROBE, written: process.env.RINGBACK_WRITTEN,
    }));
  `;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env: { ...process.env, RINGBACK_PLAIN_ENV_PROBE: "probe-value" },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual({ plain: true, before: "probe-value", after: "probe-value", written: "yes" });
});
