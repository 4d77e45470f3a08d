import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

// One client per process; Next.js dev reloads modules, so keep it on globalThis there.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createPrismaClient() {
  // Connections this process keeps at most (pg's default is 10). With several app instances, the
  // sum over all of them (plus the migrator and any other client) must stay under the server's
  // max_connections: see the README's "Deploying".
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
  if (!Number.isInteger(max) || max < 1) throw new Error(`DATABASE_POOL_MAX must be a whole number ≥ 1, not ${JSON.stringify(process.env.DATABASE_POOL_MAX)}`);
  const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/ringback", max });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;

export type { PrismaClient };
export * from "./generated/client";
