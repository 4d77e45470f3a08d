/**
 * How a text leaves Ringback: one interface, implemented by the Twilio client (real Twilio, or
 * the local fake Twilio through the same `twilio` package). sendSms is its only caller.
 */
export interface OutgoingSms {
  to: string;
  /** The business number to send from, unless a Messaging Service is set. */
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string;
  /** Seconds Twilio may keep trying; a stale "sorry we missed your call" should fail, not arrive hours later. */
  validityPeriodSeconds: number | null;
}

export interface SentSms {
  sid: string;
  status: string;
  segments: number;
}

/** A send that did not happen. `permanent` ones must not be retried; the message says what to do. */
export class SmsSendError extends Error {
  constructor(
    message: string,
    public readonly code: number | null,
    public readonly permanent: boolean,
    /** The provider may have accepted the text (a timeout or dropped connection): never resend blindly. */
    public readonly outcomeUnknown = false,
  ) {
    super(message);
    this.name = "SmsSendError";
  }
}

export interface SmsTransport {
  send(sms: OutgoingSms): Promise<SentSms>;
}
