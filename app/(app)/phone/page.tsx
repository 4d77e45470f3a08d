import { Smartphone } from "lucide-react";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";
import { PhoneSimulator } from "./_components/phone-simulator";

export const metadata = { title: "Phone simulator" };

export default async function PhoneSimulatorPage() {
  const [enabled, clients] = await load((c) => Promise.all([c.phone.enabled(), c.clients.list()]));
  const numbers = clients.flatMap((c) => c.phoneNumbers.map((e164) => ({ clientId: c.id, clientName: c.name, e164 })));
  return (
    <>
      <PageHeader title="Phone simulator" description="Call a business number and text it as a caller would. Everything goes through the real webhooks and flows." />
      <div className="p-4 sm:p-8">
        {!enabled ? (
          <EmptyState icon={Smartphone} title="The simulator needs the fake Twilio">
            Real Twilio credentials are configured, so calls and texts go to real phones. Unset TWILIO_ACCOUNT_SID to use the simulator.
          </EmptyState>
        ) : numbers.length === 0 ? (
          <EmptyState icon={Smartphone} title="No business numbers yet">
            Add a phone number in a business&apos;s Settings, then call it from here.
          </EmptyState>
        ) : (
          <PhoneSimulator numbers={numbers} />
        )}
      </div>
    </>
  );
}
