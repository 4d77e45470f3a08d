import { ensureDatabase, migrate } from "../server/db/migrator";
import { databaseUrl } from "./database-url";

const url = databaseUrl();
await ensureDatabase(url);
const result = await migrate({ databaseUrl: url, log: (line) => console.log(line) });
console.log(`${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already in place (${new URL(url).pathname.slice(1)}).`);
