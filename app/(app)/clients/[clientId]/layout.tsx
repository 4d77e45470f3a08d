import { BusinessTimezone } from "@/app/_components/business-time";
import { loadClient } from "@/app/_trpc/server";

/** Every page under a client checks access once here (another tenant's id is a 404) and shows times in the client's timezone. */
export default async function ClientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const client = await loadClient(clientId);
  return <BusinessTimezone timezone={client.timezone}>{children}</BusinessTimezone>;
}
