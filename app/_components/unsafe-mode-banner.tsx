import { connection } from "next/server";
import { unsafeModeNotice } from "@/server/security/production-settings";

/** On every page while RINGBACK_UNSAFE_DEV_IN_PRODUCTION lets a production server run with development doubles. */
export async function UnsafeModeBanner() {
  await connection(); // read the running server's environment, not the build's
  const notice = unsafeModeNotice();
  if (!notice) return null;
  return (
    <div role="note" data-testid="unsafe-mode-banner" className="bg-amber-400 px-4 py-1 text-center text-xs font-medium text-amber-950">
      {notice}
    </div>
  );
}
