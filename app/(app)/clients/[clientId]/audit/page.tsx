import { AuditLog, parseKind } from "@/app/_components/audit-log";
import { PageHeader } from "@/app/_components/page-header";
import { load } from "@/app/_trpc/server";

export const metadata = { title: "Audit log" };

export default async function ClientAuditPage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { clientId } = await params;
  const kind = parseKind((await searchParams).kind);
  const rows = await load((c) => c.audit.client({ clientId, kind }));
  return (
    <>
      <PageHeader title="Audit log" description="Who published, changed settings, invited or removed people, and set up numbers — newest first." />
      <div className="mx-auto max-w-4xl p-8">
        <AuditLog rows={rows} kind={kind} />
      </div>
    </>
  );
}
