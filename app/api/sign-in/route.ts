import { signInWithForm } from "@/server/auth/sign-in-form";

/** The sign-in form's own POST, for a form submitted before (or without) JavaScript. */
export async function POST(req: Request) {
  return signInWithForm(req);
}
