/**
 * "Forward on no answer / busy" codes of common US carriers, dialed from the business's phone, for
 * the "keep your existing line" setup. Carriers change them and plans differ, so the wizard says to
 * test with a call (browser-safe: the wizard imports it).
 */
export const forwardingCodes: { carrier: string; enable: (ringback: string) => string; disable: string; note?: string }[] = [
  { carrier: "Verizon", enable: (n) => `*71${n}`, disable: "*73", note: "Forwards when busy or unanswered." },
  { carrier: "AT&T", enable: (n) => `*92${n}`, disable: "*93", note: "No answer; busy forwarding is *90 + number (off: *91)." },
  { carrier: "T-Mobile", enable: (n) => `**004*1${n}#`, disable: "##004#", note: "All conditional forwarding (no answer, busy, unreachable)." },
  { carrier: "Most landlines and VoIP lines", enable: (n) => `*92${n}`, disable: "*93", note: "Varies: check the provider's “call forward no answer” feature." },
];

/** The 10 digits a US carrier code wants (no +1). */
export const tenDigits = (e164: string) => e164.replace(/^\+1/, "");
