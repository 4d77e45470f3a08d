import { defineConfig } from "prisma/config";

// Prisma's CLI only runs `generate` here (the schema engine for `migrate` cannot be
// downloaded; scripts/migrate.ts applies prisma/migrations instead, in Prisma's layout).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/ringback" },
});
