import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { exportKinds, type ExportKind } from "@/server/exports/export-service";

/** GET /api/export/{contacts|leads|runs}?clientId=… — a CSV download, with the same access rules as the pages. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  const clientId = new URL(request.url).searchParams.get("clientId");
  if (!exportKinds.includes(kind as ExportKind) || !clientId) {
    return new Response(`Export one of ${exportKinds.join(", ")} with ?clientId=…`, { status: 400 });
  }
  try {
    const caller = createCaller(await createTRPCContext({ headers: request.headers }));
    const { filename, csv } = await caller.contacts.exportCsv({ clientId, kind: kind as ExportKind });
    return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof TRPCError) {
      const status = error.code === "UNAUTHORIZED" ? 401 : error.code === "NOT_FOUND" || error.code === "FORBIDDEN" ? 404 : 400;
      return new Response(error.message, { status });
    }
    throw error;
  }
}
