/** How real Twilio answers the errors the fake can be scripted with. */
export const syncErrors: Record<number, { status: number; message: string }> = {
  20429: { status: 429, message: "Too Many Requests" },
  21211: { status: 400, message: "The 'To' number is not a valid phone number." },
  21408: { status: 400, message: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number." },
  21610: { status: 400, message: "Attempt to send to unsubscribed recipient" },
  21614: { status: 400, message: "'To' number is not a valid mobile number" },
};

/** Errors Twilio reports later, through the status callback (the API call itself succeeds). */
export const asyncErrors: Record<number, "undelivered" | "failed"> = {
  30003: "undelivered",
  30004: "undelivered",
  30005: "undelivered",
  30006: "undelivered",
  30007: "undelivered",
  30008: "undelivered",
};

export function errorBody(code: number, status: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}
