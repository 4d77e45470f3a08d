import { AuditLog, parseKind } from "@/app/_components/audit-log";
import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";

export const metadata = { title: "Agency audit log" };

export default async function AgencyAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const kind = parseKind(query.kind);
  const client = typeof query.client === "string" && query.client ? query.client : null;
  const [rows, clients] = await load((c) => Promise.all([c.audit.agency({ kind, clientId: client }), c.clients.list()]));
  return (
    <>
      <PageHeader title="Audit log" description="Everything done across the agency and its clients — newest first." />
      <div className="mx-auto max-w-5xl p-8">
        <AuditLog rows={rows} kind={kind} clients={clients.map((c) => ({ id: c.id, name: c.name }))} client={client} />
      </div>
    </>
  );
}
