import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";
import { BusinessSettingsForm } from "./_components/business-settings-form";
import { PhoneNumbersSection } from "./_components/phone-numbers-section";
import { StaffContactsSection } from "./_components/staff-contacts-section";
import { WebhookSecretSection } from "./_components/webhook-secret-section";

export const metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const settings = await load((c) => c.clients.settings({ clientId }));
  return (
    <>
      <PageHeader title="Settings" description={`How ${settings.name} texts, when it is open, and who gets told.`} />
      <div className="mx-auto max-w-4xl space-y-8 p-4 sm:p-8">
        <BusinessSettingsForm settings={settings} />
        <PhoneNumbersSection clientId={clientId} numbers={settings.phoneNumbers} />
        <StaffContactsSection clientId={clientId} staff={settings.staffContacts} />
        <WebhookSecretSection clientId={clientId} />
      </div>
    </>
  );
}
