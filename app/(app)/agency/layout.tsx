import { notFound } from "next/navigation";
import { load } from "@/app/_trpc/server";

/** Agency-wide pages exist only for agency users: anyone else gets the 404 page, not data. */
export default async function AgencyLayout({ children }: { children: React.ReactNode }) {
  const me = await load((c) => c.me.get());
  if (!me.isAgencyUser) notFound();
  return children;
}
