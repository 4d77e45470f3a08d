/**
 * Twilio error codes, in words a person can act on, and whether retrying could help.
 * https://www.twilio.com/docs/api/errors — the codes a text-back product meets in practice.
 */
export interface TwilioErrorInfo {
  code: number;
  /** What happened and what to do. */
  explanation: string;
  /** Retrying the same text cannot succeed. */
  permanent: boolean;
}

const known: Record<number, Omit<TwilioErrorInfo, "code">> = {
  20003: { permanent: true, explanation: "Twilio refused the credentials: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN." },
  20429: { permanent: false, explanation: "Twilio is rate limiting this account (too many requests at once)." },
  21211: { permanent: true, explanation: "The 'To' number is not a valid phone number. Correct the contact's number." },
  21408: { permanent: true, explanation: "This account may not text that region. Enable the country in Twilio's geo permissions." },
  21606: { permanent: true, explanation: "The business number cannot send texts. Use an SMS-capable number or a Messaging Service." },
  21610: {
    permanent: true,
    // Twilio keeps the opt-out per sender: the STOP may have been sent to this number (or Messaging
    // Service) long ago, to an earlier owner of it, or to another business sharing the service.
    explanation: "Twilio has this number on its unsubscribed list for this sender: it opted out of texts from this number or Messaging Service at some time (not necessarily to this business). Twilio blocks texts to it until the recipient texts START to this number.",
  },
  21612: { permanent: true, explanation: "Twilio cannot route a text between these two numbers. Check the sender number's capabilities." },
  21614: { permanent: true, explanation: "The number is not a mobile number (likely a landline), so it cannot receive texts." },
  30001: { permanent: false, explanation: "Twilio's queue for this number overflowed (too many texts queued at once)." },
  30003: { permanent: true, explanation: "The phone is unreachable (off or out of service). Try calling the contact instead." },
  30004: { permanent: true, explanation: "The recipient blocked texts from this number." },
  30005: { permanent: true, explanation: "The number does not exist or is no longer in service. Correct the contact's number." },
  30006: { permanent: true, explanation: "The number is a landline or cannot receive texts on its carrier." },
  30007: { permanent: true, explanation: "The carrier filtered this text as spam: change the wording, or finish A2P 10DLC registration for the sending number." },
  30008: { permanent: false, explanation: "The carrier reported an unknown delivery error; retrying may work." },
  30034: { permanent: true, explanation: "The sending number is not registered for A2P 10DLC. Register it (Messaging Service + campaign) before texting US numbers." },
};

export function explainTwilioError(code: number | null | undefined, httpStatus?: number): TwilioErrorInfo {
  if (code != null && known[code]) return { code, ...known[code] };
  if (httpStatus === 429) return { code: code ?? 20429, ...known[20429] };
  if (httpStatus !== undefined && httpStatus >= 500) {
    return { code: code ?? 0, permanent: false, explanation: `Twilio answered ${httpStatus} (a server error on their side).` };
  }
  return {
    code: code ?? 0,
    permanent: httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500,
    explanation: code ? `Twilio error ${code}: see twilio.com/docs/api/errors/${code}.` : "Twilio refused the text without an error code.",
  };
}
