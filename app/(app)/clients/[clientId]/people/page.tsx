import { PageHeader } from "@/app/_components/page-header";
import { PeopleManager } from "@/app/_components/people-manager";
import { load } from "@/app/_trpc/server";

export const metadata = { title: "People" };

export default async function ClientPeoplePage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  // Answers 404 to roles that cannot manage this business's people.
  const people = await load((c) => c.members.list({ clientId }));
  return (
    <>
      <PageHeader title="People" description={`Who can sign in to ${people.scope.name}: its owner and operations staff.`} />
      <div className="mx-auto max-w-4xl p-8">
        <PeopleManager clientId={clientId} />
      </div>
    </>
  );
}
