// Idempotent demo data: running it twice leaves the same rows. Logins are listed in the README.
import { existsSync } from "node:fs";
if (existsSync(".env")) process.loadEnvFile(".env");

const { seedDemoData } = await import("./seed-demo");
const { db } = await import("../server/db/client");
try {
  const summary = await seedDemoData();
  console.log(`Seeded ${summary.clients} clients and ${summary.users} users. Sign in at ${process.env.PUBLIC_BASE_URL ?? "http://localhost:3000"} as ava@northwind.test / ringback-demo.`);
} finally {
  await db.$disconnect();
}
