import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "./cron";

describe("cron schedules", () => {
  it("reads a five-field schedule in UTC, and in the time zone a TZ= prefix names", () => {
    const newYear = Date.UTC(2026, 0, 1, 0, 2);
    expect(nextCronTime("*/5 * * * *", newYear)).toBe(Date.UTC(2026, 0, 1, 0, 5));
    expect(nextCronTime("0 9 * * *", newYear)).toBe(Date.UTC(2026, 0, 1, 9, 0));
    // 09:00 in Chicago in January is 15:00 UTC.
    expect(nextCronTime("TZ=America/Chicago 0 9 * * *", newYear)).toBe(Date.UTC(2026, 0, 1, 15, 0));
  });

  it("says what is wrong with a schedule that does not parse", () => {
    expect(parseCron("0 25 * * *")).toMatchObject({ error: expect.stringMatching(/^cron "0 25 \* \* \*" is not a valid schedule: /) });
    expect(parseCron("every five minutes")).toHaveProperty("error");
  });
});
