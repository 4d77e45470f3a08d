/**
 * The page to go back to after signing in, from `?next=`: only a path on this site ("/clients/…"),
 * never another origin ("//evil.example", "https://…"), so the sign-in page cannot be used to send
 * people elsewhere.
 */
export function safeReturnPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(next)) return "/";
  return next;
}

export const signInPathFor = (returnTo: string | null | undefined) => {
  const path = safeReturnPath(returnTo);
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
};
