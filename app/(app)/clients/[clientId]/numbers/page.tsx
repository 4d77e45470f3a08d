import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";
import { A2pSection } from "./_components/a2p-section";
import { AddNumberWizard } from "./_components/add-number-wizard";
import { NumberList } from "./_components/number-list";

export const metadata = { title: "Phone numbers" };

export default async function NumbersPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const [settings, checklist] = await load((c) => Promise.all([c.clients.settings({ clientId }), c.clients.checklist({ clientId })]));
  return (
    <>
      <PageHeader title="Phone numbers" description={`The numbers whose missed calls ${settings.name} texts back. The app configures them in Twilio and checks they stay that way.`} />
      <div className="mx-auto max-w-4xl space-y-8 p-8">
        <NumberList
          clientId={clientId}
          numbers={settings.phoneNumbers.map((n) => ({ id: n.id, e164: n.e164, mode: n.mode, forwardTo: n.forwardTo, voicemailEnabled: n.voicemailEnabled, verifiedAt: n.verifiedAt, twilioSid: n.twilioSid }))}
        />
        <AddNumberWizard clientId={clientId} />
        <A2pSection clientId={clientId} warning={checklist.a2pWarning} />
      </div>
    </>
  );
}
