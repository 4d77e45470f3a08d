// Loads Prisma's schema engine from @prisma/schema-engine-wasm (the native binary cannot be
// downloaded here) and asks it for the SQL that takes one schema.prisma to another.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

async function loadEngine() {
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  // The package's entry imports the .wasm file as an ES module, which Node cannot do; wire it by hand.
  const bindings = await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href);
  const { instance } = await WebAssembly.instantiate(await readFile(path.join(dir, "schema_engine_bg.wasm")), {
    "./schema_engine_bg.js": bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bindings;
}

/** SQL from `from` (a schema.prisma text, or null for an empty database) to `to`. The database is only read. */
export async function diffSchemas(from: string | null, to: string, databaseUrl: string): Promise<string> {
  const bindings = await loadEngine();
  // The engine connects at start-up (it reads the server version) but a datamodel diff changes nothing.
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const engine = await bindings.SchemaEngine.new({ datamodels: [["schema.prisma", to]] }, () => {}, adapter);
  const result = await engine.diff({
    from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout as string;
}
