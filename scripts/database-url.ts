// Scripts run outside Next.js, so they read .env themselves (Node 20.12+ has loadEnvFile).
import { existsSync } from "node:fs";

export function databaseUrl(): string {
  if (existsSync(".env")) process.loadEnvFile(".env");
  return process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/ringback";
}
