import { countSegments, type SegmentCount } from "../flows/model/sms-segments";
import { longestValues, renderTemplate } from "../flows/model/templates";

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

/** Segments a template can take once sent, and the worst-case text they were counted on. */
export type SegmentEstimate = SegmentCount & { text: string };

/**
 * How many segments a template can take in a real text — what the editor shows, since Twilio bills
 * per segment. Its variables are filled with their longest plausible values (not the preview's
 * short examples), and a text to a caller is counted as their first text, with the business name
 * and the opt-out footer `composeFirstText` adds: any text may be the first a caller gets.
 */
export function estimateSegments(template: string, options: { customerFacing: boolean }): SegmentEstimate {
  const body = renderTemplate(template, longestValues).trim();
  const text = options.customerFacing && body !== "" ? composeFirstText(body, longestValues["business.name"]!) : body;
  return { ...countSegments(text), text };
}
