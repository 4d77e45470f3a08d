import { describe, expect, it } from "vitest";
import { personNameFromCallerId } from "./contact-name";

describe("a person's name from Twilio's CallerName", () => {
  it.each([
    ["MARIA GARCIA", "Maria Garcia"],
    ["GARCIA,MARIA", "Maria Garcia"],
    ["O'BRIEN-SMITH ANN", "O'Brien-Smith Ann"],
    ["  li   wei ", "li wei"],
    ["Dr. Ana de la Cruz", "Dr. Ana de la Cruz"],
  ])("%s reads %s", (raw, name) => expect(personNameFromCallerId(raw)).toBe(name));

  it.each(["", "   ", "WIRELESS CALLER", "Unavailable", "UNKNOWN NAME", "PRIVATE", "ANONYMOUS", "TOLL FREE CALL", "+13125550100", "3125550100", "---", null, undefined])(
    "%s is no name",
    (raw) => expect(personNameFromCallerId(raw)).toBeNull(),
  );
});
