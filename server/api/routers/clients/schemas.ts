import { z } from "zod";

export const ClientIdInput = z.object({ clientId: z.string().min(1) });
export const DeleteItemInput = z.object({ clientId: z.string().min(1), id: z.string().min(1) });
