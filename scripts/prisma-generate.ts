// `prisma generate` needs no database and no schema engine, but the CLI insists that
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file when the engine cannot be downloaded.
import { execFileSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
execFileSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
