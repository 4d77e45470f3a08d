import { startupVerdict, unsafeModeNotice } from "./production-settings";

/** Exits the process when production settings are unsafe; warns loudly when the override is in use. */
export function refuseUnsafeProductionStart(vars: Record<string, string | undefined> = process.env): void {
  const verdict = startupVerdict(vars);
  if (!verdict.start) {
    console.error(`\n${verdict.message}\n`);
    process.exit(1);
  }
  const notice = unsafeModeNotice(vars);
  if (notice) console.warn(`\n[ringback] ${notice}\n`);
}
