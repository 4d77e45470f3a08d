import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";
import { NewClientForm } from "./_components/new-client-form";

export const metadata = { title: "New client" };

export default async function NewClientPage() {
  const me = await load((c) => c.me.get());
  if (me.agencyRole !== "admin") notFound();
  return (
    <>
      <PageHeader title="New client" description="The business as its callers know it. Its number, people and flow come next, on its go-live checklist." />
      <div className="mx-auto max-w-2xl p-8">
        <NewClientForm />
      </div>
    </>
  );
}
