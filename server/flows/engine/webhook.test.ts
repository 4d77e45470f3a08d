import { describe, expect, it } from "vitest";
import { defaultConfigOf, nodeKinds } from "../model/catalogue";
import { advance } from "./advance";
import type { Effect, PostWebhookEffect } from "./effects";
import { drive, facts, graphOf, pathOf, type Responder } from "./test-support";
import { validate } from "./validate";

/** "Send to a webhook" in the engine: the body it asks to post, the ways out, and the answer's fields in later steps. */

const url = "https://hooks.example.com/crm";
const hookGraph = (body: string, fields: string[] = ["id"], thanks = "Thanks! Your ticket is {{webhook.crm.id|pending}}.") =>
  graphOf(
    [
      ["trigger", "trigger.missedCall"],
      ["ask", "action.sendSms", { template: "What do you need?", immediate: true }],
      ["wait", "wait.reply", { timeoutMinutes: 60 }],
      ["hook", "action.webhook", { url, body, saveAs: "crm", fields }, "Tell the CRM"],
      ["thanks", "action.sendSms", { template: thanks, immediate: true }],
      ["sorry", "action.notifyStaff", { template: "The CRM did not take {{contact.phone}}" }],
      ["done", "end"],
    ],
    [
      ["trigger", "next", "ask"],
      ["ask", "sent", "wait"],
      ["ask", "failed", "done"],
      ["wait", "replied", "hook"],
      ["wait", "timeout", "done"],
      ["hook", "ok", "thanks"],
      ["hook", "failed", "sorry"],
      ["thanks", "sent", "done"],
      ["thanks", "failed", "done"],
      ["sorry", "next", "done"],
    ],
  );

const replies = (body: string): Responder => (e) => (e.kind === "waitForReply" ? { reply: { body, at: e.since }, at: e.since } : undefined);
const and = (...rs: Responder[]): Responder => (e, now) => rs.map((r) => r(e, now)).find((x) => x !== undefined);
const webhookAnswers = (result: object): Responder => (e, now) => (e.kind === "postWebhook" ? ({ at: now, fields: {}, ...result } as never) : undefined);
const posted = (effects: Effect[]) => effects.find((e): e is PostWebhookEffect => e.kind === "postWebhook")!;
const texts = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "sendSms" ? [e.body] : []));

describe("Send to a webhook", () => {
  it("posts the body with every value JSON-escaped, whatever the caller wrote", () => {
    const body = '{"phone":"{{contact.phone}}","said":"{{reply.body}}","name":"{{contact.name|unknown}}"}';
    const run = drive(hookGraph(body), facts(), replies('my "boiler" \\ is\nbroken'));
    const effect = posted(run.effects);
    expect(effect).toMatchObject({ kind: "postWebhook", stepId: "postWebhook:hook", nodeId: "hook", url, fields: ["id"] });
    expect(JSON.parse(effect.body)).toEqual({ phone: "(312) 555-0134", said: 'my "boiler" \\ is\nbroken', name: "unknown" });
  });

  it("a delivered post goes on by 'ok', and its kept fields fill later texts", () => {
    const run = drive(hookGraph("{}"), facts(), and(replies("hi"), webhookAnswers({ status: "ok", httpStatus: 201, fields: { id: "T-42" } })));
    expect(pathOf(run)).toBe("trigger:next ask:sent wait:replied hook:ok thanks:sent done:-");
    expect(run.trace.find((t) => t.nodeId === "hook")!.note).toBe("answered 201; kept id");
    expect(texts(run.effects)).toEqual(["What do you need?", "Thanks! Your ticket is T-42."]);
  });

  it("a field missing from the answer uses the fallback", () => {
    const run = drive(hookGraph("{}"), facts(), and(replies("hi"), webhookAnswers({ status: "ok", httpStatus: 200, fields: {} })));
    expect(texts(run.effects).at(-1)).toBe("Thanks! Your ticket is pending.");
  });

  it("a refused post goes on by 'failed' with the reason in words", () => {
    const run = drive(hookGraph("{}"), facts(), and(replies("hi"), webhookAnswers({ status: "failed", httpStatus: 404, error: "The webhook answered 404 Not Found: check the URL" })));
    expect(pathOf(run)).toBe("trigger:next ask:sent wait:replied hook:failed sorry:next done:-");
    expect(run.trace.find((t) => t.nodeId === "hook")!.note).toBe("The webhook answered 404 Not Found: check the URL");
  });

  it("a step that throws for good (the runner's retries exhausted) fails the run naming the step", () => {
    const graph = hookGraph("{}");
    let out = advance(graph, null, { type: "start", facts: facts() });
    while (out.effects[0]?.kind !== "postWebhook") {
      const e = out.effects[0];
      out = advance(graph, out.state, { type: "result", stepId: e.stepId, result: e.kind === "waitForReply" ? { reply: { body: "hi", at: e.since }, at: e.since } : { status: "sent", at: out.state.now } });
    }
    out = advance(graph, out.state, { type: "error", stepId: "postWebhook:hook", message: "the database is down" });
    expect(out.status).toBe("failed");
    expect(out.state.error).toEqual({ code: "effectFailed", nodeId: "hook", message: "'Tell the CRM' failed: the database is down" });
  });
});

describe("validating a webhook step", () => {
  const codes = (body: string, fields?: string[], thanks?: string, over: Record<string, unknown> = {}) => {
    const graph = hookGraph(body, fields, thanks);
    Object.assign(graph.nodes.find((n) => n.id === "hook")!.config, over);
    return validate(graph).filter((i) => i.code !== "flow.neverTexts").map((i) => `${i.severity} ${i.code} ${i.field ?? ""}: ${i.message}`);
  };

  it.each([
    ["a valid step", {}, []],
    ["no address", { url: "" }, ["error config.invalid url: 'Tell the CRM': Enter the address to send to, such as https://hooks.zapier.com/…."]],
    ["not a web address", { url: "hooks.example.com/x" }, ["error config.invalid url: 'Tell the CRM': Enter a full web address starting with https://."]],
    ["another scheme", { url: "ftp://example.com/x" }, ["error config.invalid url: 'Tell the CRM': Enter a full web address starting with https://."]],
    ["a password in the address", { url: "https://me:pw@example.com/x" }, ["error config.invalid url: 'Tell the CRM': Take the user name and password out of the address: Ringback signs each request instead."]],
    ["plain http", { url: "http://hooks.example.com/x" }, ["warning webhook.notHttps url: 'Tell the CRM' posts to an http:// address, so the caller's details travel unencrypted: use https:// if the receiver offers it."]],
    ["a private address", { url: "http://127.0.0.1:9000/x" }, ["warning webhook.privateAddress url: 'Tell the CRM' posts to 127.0.0.1, a private address: it works only in development; live flows post only to public internet addresses."]],
    ["the metadata address", { url: "http://169.254.169.254/latest" }, [expect.stringContaining("warning webhook.privateAddress url: 'Tell the CRM' posts to 169.254.169.254")]],
    ["a bad answer name", { saveAs: "My CRM" }, ["error config.invalid saveAs: 'Tell the CRM': Name the answer with letters, digits or _, starting with a small letter, such as crm."]],
  ])("%s", (_name, over, expected) => {
    expect(codes('{"a":"{{contact.phone}}"}', ["id"], "Thanks!", over)).toEqual(expected);
  });

  it("the body must be JSON once filled in: a variable outside quotes is caught", () => {
    expect(codes('{"name": {{contact.name}}}')).toEqual([
      expect.stringMatching(/^error webhook\.bodyNotJson body: 'Tell the CRM' would not send valid JSON \(.+\): put variables inside quotes, such as "name": "\{\{contact.name\}\}", and check commas and braces\.$/),
    ]);
    expect(codes('{"a": 1,}')).toEqual([expect.stringContaining("error webhook.bodyNotJson")]);
    expect(codes('{"n": "{{contact.nickname}}"}')).toEqual([
      "error template.unknownVariable body: Unknown variable {{contact.nickname}} in 'Tell the CRM': use contact.firstName, contact.name, contact.phone, …",
    ]);
    expect(codes('{"n": "{{contact.name}"}')).toEqual([expect.stringContaining("error template.malformed body")]);
    // A value with quotes or new lines does not break the JSON (the example reply has none, so use the answer's own).
    expect(codes('{"ticket": "{{webhook.crm.id}}"}')).toEqual([expect.stringContaining("warning webhook.answerNotBefore body")]);
  });

  it("{{webhook.<name>.<field>}} must name a kept field of a webhook step that runs before", () => {
    expect(codes("{}", ["id"], "Ticket {{webhook.crm.ticket}}")).toEqual([
      `error webhook.unknownField template: {{webhook.crm.ticket}} in 'Send a text': 'Tell the CRM' does not keep the field "ticket" (it keeps id): add it to the fields it keeps.`,
    ]);
    expect(codes("{}", [], "Ticket {{webhook.crm.id}}")).toEqual([
      `error webhook.unknownField template: {{webhook.crm.id}} in 'Send a text': 'Tell the CRM' does not keep the field "id" (it keeps no fields yet): add it to the fields it keeps.`,
    ]);
    expect(codes("{}", ["id"], "Ticket {{webhook.zap.id}}")).toEqual([
      `error webhook.unknownAnswer template: {{webhook.zap.id}} in 'Send a text' names no webhook step's answer "zap": the webhook answers in this flow are "crm".`,
    ]);
    expect(codes("{}", ["lead.id"], "Ticket {{webhook.crm.lead.id}}")).toEqual([]);
  });

  it("a use on a branch the webhook does not lead to is always empty: a warning", () => {
    const graph = hookGraph("{}", ["id"]);
    graph.nodes.find((n) => n.id === "ask")!.config.template = "Your last ticket: {{webhook.crm.id|none}}";
    expect(validate(graph).map((i) => i.message)).toEqual([`{{webhook.crm.id|none}} in 'Send a text' is always empty there: 'Tell the CRM' does not run before it.`.replace("{{webhook.crm.id|none}}", "{{webhook.crm.id}}")]);
  });
});

describe("a new webhook step", () => {
  it("cannot be published until the example address is replaced", () => {
    const graph = graphOf(
      [
        ["trigger", "trigger.missedCall"],
        ["hook", "action.webhook", defaultConfigOf("action.webhook")],
        ["done", "end"],
      ],
      [
        ["trigger", "next", "hook"],
        ["hook", "ok", "done"],
        ["hook", "failed", "done"],
      ],
    );
    expect(validate(graph).filter((i) => i.severity === "error")).toEqual([
      {
        code: "webhook.exampleAddress",
        severity: "error",
        nodeId: "hook",
        field: "url",
        message: "'Send to a webhook' still posts to the example address: enter your receiver's address (your CRM's, Zapier's or Make's webhook URL).",
      },
    ]);
    // Its default body is valid JSON with every known variable.
    expect(validate(graph).some((i) => i.code === "webhook.bodyNotJson")).toBe(false);
  });
});

describe("the canvas line of a webhook step", () => {
  it.each([
    ["https://hooks.zapier.com/hooks/catch/1/abc", "POST hooks.zapier.com"],
    ["http://127.0.0.1:9000/crm", "POST 127.0.0.1:9000"],
    ["https://hooks.example.com/replace-me", "Set the address to post to"],
    ["", "No address yet"],
    ["not a url", "The address is not a web address"],
  ])("%s reads %s", (url, line) => {
    expect(nodeKinds["action.webhook"].summary({ url })).toBe(line);
  });
});
