import { describe, expect, it } from "vitest";
import { describeWait } from "./run-wait";

const chicago = "America/Chicago";

describe("what a waiting run waits for", () => {
  it("says quiet hours, business opening and a reply's deadline in the business's own time", () => {
    expect(describeWait([{ kind: "sleep", status: "waiting", input: { until: "2026-12-03T14:00:00.000Z", reason: "quietHours" } }], chicago)).toBe(
      "held for quiet hours until Thu Dec 3, 8:00 AM CST",
    );
    expect(describeWait([{ kind: "sleep", status: "waiting", input: { until: "2026-12-07T14:00:00.000Z", reason: "untilOpen" } }], chicago)).toBe(
      "waiting until the business opens (Mon Dec 7, 8:00 AM CST)",
    );
    expect(describeWait([{ kind: "waitForReply", status: "waiting", input: { deadline: "2026-12-04T20:30:00.000Z" } }], chicago)).toBe(
      "waiting for a reply until Fri Dec 4, 2:30 PM CST",
    );
  });

  it("says nothing for a run that waits at no wait step", () => {
    expect(describeWait([{ kind: "sendSms", status: "completed", input: {} }, { kind: "sleep", status: "completed", input: { until: "x", reason: "delay" } }], chicago)).toBeNull();
  });
});
