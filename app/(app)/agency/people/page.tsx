import { PageHeader } from "@/app/_components/page-header";
import { PeopleManager } from "@/app/_components/people-manager";
import { load } from "@/app/_trpc/server";

export const metadata = { title: "Agency people" };

export default async function AgencyPeoplePage() {
  const people = await load((c) => c.members.list({ clientId: null }));
  return (
    <>
      <PageHeader title="Agency people" description={`Admins and builders of ${people.scope.name}: they see every client.`} />
      <div className="mx-auto max-w-4xl p-8">
        <PeopleManager clientId={null} />
      </div>
    </>
  );
}
