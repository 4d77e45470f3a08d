import { describe, expect, it } from "vitest";
import { displayPhone, parseTemplate, renderTemplate, templateVariables, unknownVariableMessage, unknownVariables, variablesFor } from "./templates";

describe("the variable list", () => {
  it("offers every variable the editor and engine know, each with an example", () => {
    expect(templateVariables.map((v) => v.name)).toEqual([
      "business.name",
      "business.phone",
      "contact.firstName",
      "contact.name",
      "contact.phone",
      "trigger.time",
      "trigger.message",
      "call.reason",
      "call.time",
      "call.transcript",
      "reply.body",
      "booking.slots",
      "booking.link",
      "booking.time",
      "run.link",
    ]);
    expect(templateVariables.every((v) => v.example.length > 0 && v.label.length > 0)).toBe(true);
  });

  it("offers {{call.*}} only where a call starts the flow, and {{trigger.message}} only where a text does", () => {
    const names = (event: Parameters<typeof variablesFor>[0]) => variablesFor(event).map((v) => v.name);
    expect(names("textReceived")).toContain("trigger.message");
    expect(names("textReceived").filter((n) => n.startsWith("call."))).toEqual([]);
    expect(names("missedCall")).toEqual(expect.arrayContaining(["call.reason", "call.time", "call.transcript", "trigger.time"]));
    expect(names("missedCall")).not.toContain("trigger.message");
    expect(names(null)).toHaveLength(templateVariables.length);
  });
});

describe("rendering", () => {
  it.each([
    ["a value", "Hi {{contact.firstName|there}}!", { "contact.firstName": "Maria" }, "Hi Maria!"],
    ["a missing value uses the fallback", "Hi {{contact.firstName|there}}!", {}, "Hi there!"],
    ["a blank value uses the fallback", "Hi {{contact.firstName|there}}!", { "contact.firstName": "  " }, "Hi there!"],
    ["a null value uses the fallback", "Hi {{contact.firstName|there}}!", { "contact.firstName": null }, "Hi there!"],
    ["spaces inside the braces are fine", "Hi {{ contact.firstName | there }}!", {}, "Hi there!"],
    ["no fallback renders nothing", "Hi{{contact.firstName}}!", {}, "Hi!"],
    ["several variables", "{{business.name}}: {{reply.body}}", { "business.name": "Acme", "reply.body": "yes" }, "Acme: yes"],
    ["an unknown variable renders its fallback", "Hi {{contact.nickname|friend}}", { "contact.firstName": "Maria" }, "Hi friend"],
    ["a fallback may contain spaces and punctuation", "{{contact.name|a new caller, no name}}", {}, "a new caller, no name"],
  ])("%s", (_name, template, values, expected) => {
    expect(renderTemplate(template, values)).toBe(expected);
  });
});

describe("parsing", () => {
  it("finds variables, their fallbacks and positions", () => {
    expect(parseTemplate("Hi {{contact.firstName|there}}, {{business.name}}")).toEqual({
      tokens: [
        { name: "contact.firstName", fallback: "there", start: 3, end: 30 },
        { name: "business.name", fallback: null, start: 32, end: 49 },
      ],
      malformed: false,
    });
  });

  it.each([["Call {{contact.phone} now"], ["{{}}"], ["stray }} braces"], ["{{ {{business.name}}"]])("%j is malformed", (template) => {
    expect(parseTemplate(template).malformed).toBe(true);
  });

  it("plain text is fine", () => {
    expect(parseTemplate("No variables at all")).toEqual({ tokens: [], malformed: false });
  });
});

describe("unknown variables", () => {
  it("are listed once each, in order", () => {
    expect(unknownVariables("{{contact.nickname}} {{business.name}} {{Contact.Name}} {{contact.nickname}}")).toEqual(["contact.nickname", "Contact.Name"]);
  });

  it.each([
    ["contact.nickname", "Unknown variable {{contact.nickname}}: use contact.firstName, contact.name, contact.phone, …"],
    ["business.adress", "Unknown variable {{business.adress}}: use business.name, business.phone, contact.name, …"],
    ["firstname", "Unknown variable {{firstname}}: use contact.firstName, business.name, contact.name, …"],
  ])("%s gets suggestions", (name, message) => {
    expect(unknownVariableMessage(name)).toBe(message);
  });
});

describe("phone numbers for texts", () => {
  it.each([
    ["+13125550134", "(312) 555-0134"],
    ["+442079460958", "+442079460958"],
  ])("%s reads %s", (e164, shown) => {
    expect(displayPhone(e164)).toBe(shown);
  });
});
