import { z } from "zod";

/** The form fields of each Twilio webhook that Ringback reads (Twilio sends many more). */
const Sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `a ${prefix}… SID`);
const Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, "an E.164 number");

export const VoiceParams = z.object({
  CallSid: Sid("CA"),
  AccountSid: Sid("AC"),
  From: Phone,
  To: Phone,
  /** The caller's name from a caller-name (CNAM) lookup: sent when the number has VoiceCallerIdLookup on. */
  CallerName: z.string().max(200).optional(),
});

/** The first request of a call; ForwardedFrom is the line that forwarded it here, when the carrier says. */
export const IncomingCallParams = VoiceParams.extend({ ForwardedFrom: z.string().optional() });

export const DialResultParams = VoiceParams.extend({
  DialCallStatus: z.enum(["completed", "answered", "busy", "no-answer", "failed", "canceled"]),
});

/** The call's own status callback (the number's "call status changes" URL). */
export const CallStatusParams = VoiceParams.extend({ CallStatus: z.string().min(1) });

export const RecordingParams = VoiceParams.extend({
  /** Absent, or with a duration of 0, when the caller hung up without leaving a message. */
  RecordingUrl: z.string().url().optional(),
  RecordingSid: Sid("RE").optional(),
  RecordingDuration: z.string().optional(),
});

export const TranscriptionParams = z.object({
  CallSid: Sid("CA"),
  AccountSid: Sid("AC"),
  TranscriptionText: z.string().max(5000).optional().default(""),
  TranscriptionStatus: z.enum(["completed", "failed"]),
});

export const InboundSmsParams = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "an SM… or MM… SID"),
  AccountSid: Sid("AC"),
  From: Phone,
  To: Phone,
  Body: z.string().max(1600),
  NumMedia: z.string().optional(),
  OptOutType: z.enum(["STOP", "START", "HELP"]).optional(),
});

export const MessageStatusParams = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "an SM… or MM… SID"),
  AccountSid: Sid("AC"),
  MessageStatus: z.enum(["accepted", "scheduled", "queued", "sending", "sent", "delivered", "undelivered", "failed", "read", "canceled", "receiving", "received"]),
  ErrorCode: z.string().regex(/^\d+$/).optional(),
});
