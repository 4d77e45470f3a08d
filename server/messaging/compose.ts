/**
 * Compliance wording for the first text a contact ever gets from a business: it names the
 * business and says how to opt out (CTIA / A2P 10DLC expectations), unless it already does.
 */
export const STOP_FOOTER = "Reply STOP to opt out.";

export function composeFirstText(body: string, businessName: string): string {
  let text = body.trim();
  if (!text.toLowerCase().includes(businessName.toLowerCase())) text = `${businessName}: ${text}`;
  if (!/\bSTOP\b/.test(text)) text = `${text} ${STOP_FOOTER}`;
  return text;
}
