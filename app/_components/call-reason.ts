/** How a missed call ended, in words (the Call's `reason`). */
const callReasons: Record<string, string> = {
  "no-answer": "Nobody answered",
  busy: "The line was busy",
  failed: "The forward failed",
  canceled: "The caller hung up while it rang",
  voicemail: "The caller left a voicemail",
};

export const describeCallReason = (reason: string | null) => (reason && callReasons[reason]) ?? "Missed";
