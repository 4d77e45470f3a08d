import { describe, expect, it } from "vitest";
import { starterFlows } from "../model/starters";
import { graphOf, type EdgeSpec, type NodeSpec } from "./test-support";
import { hasErrors, validate, type Issue } from "./validate";

/** Validation speaks to a business owner: these tests pin the exact words. */

const trigger: NodeSpec = ["trigger", "trigger.missedCall", {}, "Missed call"];
const text = (id: string, template: string, label?: string): NodeSpec => [id, "action.sendSms", { template }, label];
const done: NodeSpec = ["done", "end", {}, "Done"];

/** trigger → text → done (both outputs): the smallest publishable flow. */
const minimal = (nodes: NodeSpec[] = [], edges: EdgeSpec[] = []) =>
  graphOf([trigger, text("text", "Hi {{contact.firstName|there}}!", "Text back"), done, ...nodes], [["trigger", "next", "text"], ["text", "sent", "done"], ["text", "failed", "done"], ...edges]);

const messages = (issues: Issue[]) => issues.map((i) => i.message);
const only = (issues: Issue[], code: string) => issues.filter((i) => i.code === code);

describe("a valid flow", () => {
  it("has no issues", () => {
    expect(validate(minimal())).toEqual([]);
  });

  it.each(starterFlows().map((s) => [s.name, s.graph] as const))("starter '%s' has no issues", (_name, graph) => {
    expect(validate(graph)).toEqual([]);
  });
});

describe("structure", () => {
  it("needs a trigger", () => {
    const issues = validate(graphOf([text("text", "Hi"), done], [["text", "sent", "done"], ["text", "failed", "done"]]));
    expect(only(issues, "trigger.missing")).toEqual([{ code: "trigger.missing", severity: "error", message: "Add a trigger ('Missed call' or 'Text received'): every flow starts with one." }]);
  });

  it("allows only one trigger", () => {
    const issues = validate(minimal([["second", "trigger.missedCall", {}, "Busy calls"]], [["second", "next", "text"]]));
    expect(messages(only(issues, "trigger.multiple"))).toEqual(["A flow has one trigger: remove 'Busy calls' or make it a separate flow."]);
  });

  it("names every output that has no next step", () => {
    const graph = graphOf(
      [trigger, ["hours", "condition.businessHours", {}], text("after", "We're closed", "After-hours text"), done],
      [["trigger", "next", "hours"], ["hours", "open", "done"], ["hours", "closed", "after"], ["after", "sent", "done"]],
    );
    expect(only(validate(graph), "handle.unconnected")).toEqual([
      { code: "handle.unconnected", severity: "error", nodeId: "after", handle: "failed", message: "'After-hours text' has no next step for 'failed'." },
    ]);
    const noClosed = graphOf([trigger, ["hours", "condition.businessHours", {}, "After-hours text"], done], [["trigger", "next", "hours"], ["hours", "open", "done"]]);
    expect(messages(only(validate(noClosed), "handle.unconnected"))).toEqual(["'After-hours text' has no next step for 'closed'."]);
  });

  it("uses the kind's name for a step without a label", () => {
    const graph = graphOf([trigger, ["wait", "wait.reply", { timeoutMinutes: 60 }], done], [["trigger", "next", "wait"], ["wait", "replied", "done"]]);
    expect(messages(only(validate(graph), "handle.unconnected"))).toEqual(["'Wait for reply' has no next step for 'no reply'."]);
  });

  it("refuses two next steps for one output", () => {
    const issues = validate(minimal([["other", "end", {}, "Other end"]], [["text", "sent", "other"]]));
    expect(messages(only(issues, "handle.multiple"))).toEqual(["'Text back' has 2 next steps for 'sent': keep only one."]);
  });

  it("finds steps that cannot be reached", () => {
    const issues = validate(minimal([text("orphan", "Hello?", "Forgotten text"), ["end2", "end"]], [["orphan", "sent", "end2"], ["orphan", "failed", "end2"]]));
    expect(messages(only(issues, "node.unreachable"))).toEqual(["'Forgotten text' can't be reached from the trigger: connect it or delete it.", "'End' can't be reached from the trigger: connect it or delete it."]);
  });

  it("finds connections to steps or outputs that do not exist", () => {
    const graph = minimal([], [["done", "next", "text"], ["text", "maybe", "done"], ["ghost", "next", "done"], ["trigger", "next", "ghost"]]);
    graph.edges[3] = { ...graph.edges[3], id: "dangling" };
    expect(messages(validate(graph).filter((i) => i.code.startsWith("edge.")))).toEqual([
      "'Done' ends the flow, so nothing can follow it: delete the connection after it.",
      "'Text back' has no 'maybe' output: connect from 'sent' or 'failed' instead.",
      "A connection starts at a step that no longer exists ('ghost'): delete it.",
      "'Missed call' leads to a step that no longer exists: reconnect its 'next' output.",
    ]);
  });

  it("refuses connections into the trigger and duplicate ids", () => {
    const graph = minimal([["again", "end"]], [["text", "sent", "trigger"]]);
    graph.nodes.push({ ...graph.nodes[3] });
    graph.edges.push({ ...graph.edges[0] });
    const issues = validate(graph);
    expect(messages(only(issues, "edge.intoTrigger"))).toEqual(["'Missed call' starts the flow, so nothing can lead into it: delete the connection from 'Text back'."]);
    expect(messages(only(issues, "node.duplicateId"))).toEqual(["Two steps share the id 'again': give each step its own id."]);
    expect(messages(only(issues, "edge.duplicateId"))).toEqual(["Two connections share the id 'trigger-next': reconnect one of them."]);
  });

  it("reports a graph it cannot read", () => {
    expect(validate({ nodes: [{ id: "x", kind: "action.fax", position: { x: 0, y: 0 }, config: {} }], edges: [] })).toEqual([
      { code: "graph.shape", severity: "error", field: "nodes.0.kind", message: "The flow could not be read (nodes.0.kind): Unknown kind of step: action.fax." },
    ]);
  });
});

describe("loops", () => {
  it("refuse a loop that never waits", () => {
    const graph = graphOf(
      [trigger, ["check", "condition.businessHours", {}, "Open?"], ["lead", "action.createLead", {}, "Save lead"], done],
      [["trigger", "next", "check"], ["check", "open", "done"], ["check", "closed", "lead"], ["lead", "next", "check"]],
    );
    expect(only(validate(graph), "cycle.noWait")).toEqual([
      {
        code: "cycle.noWait",
        severity: "error",
        nodeId: "check",
        message: "'Open?', 'Save lead' loop back to each other without waiting, so the flow would run forever: put a 'Wait for reply' or 'Wait' step in the loop, or lead it to an end.",
      },
    ]);
  });

  it("allow a loop through a wait, with a warning when it texts", () => {
    const graph = graphOf(
      [trigger, text("nudge", "Still there?", "Nudge"), ["wait", "wait.reply", { timeoutMinutes: 60 }], done],
      [["trigger", "next", "nudge"], ["nudge", "sent", "wait"], ["nudge", "failed", "done"], ["wait", "replied", "done"], ["wait", "timeout", "nudge"]],
    );
    const issues = validate(graph);
    expect(hasErrors(issues)).toBe(false);
    expect(messages(issues)).toEqual(["'Nudge' is in a loop, so the caller may get this text again on every pass: make sure the loop ends after a few tries."]);
  });

  it("refuse a wait-free way round even when another way round waits", () => {
    const graph = graphOf(
      [trigger, ["a", "condition.cooldown", { windowMinutes: 5 }, "Cooldown"], ["w", "wait.delay", { mode: "duration", minutes: 5 }], done],
      [["trigger", "next", "a"], ["a", "pass", "w"], ["a", "cooling", "a"], ["w", "next", "a"]],
    );
    expect(messages(only(validate(graph), "cycle.noWait"))).toEqual([
      "'Cooldown' leads back to itself without waiting, so the flow would run forever: put a 'Wait for reply' or 'Wait' step in between, or lead it to an end.",
    ]);
  });
});

describe("settings", () => {
  it.each([
    [["w", "wait.reply", { timeoutMinutes: 0 }, "Wait for reply"], "timeoutMinutes", "'Wait for reply': The time to wait for a reply must be at least 1 minute."],
    [["w", "wait.reply", { timeoutMinutes: 30_000 }, "Wait for reply"], "timeoutMinutes", "'Wait for reply': The time to wait for a reply can be at most 14 days (20160 minutes)."],
    [["w", "wait.reply", {}, "Wait for reply"], "timeoutMinutes", "'Wait for reply': Enter the time to wait for a reply in minutes."],
    [["d", "wait.delay", { mode: "duration", minutes: 2.5 }, "Pause"], "minutes", "'Pause': The wait must be a whole number of minutes."],
    [["d", "wait.delay", { mode: "later" }, "Pause"], "mode", "'Pause': Choose to wait a set time or until the business opens."],
    [["k", "condition.keyword", { keywords: [] }, "Emergency?"], "keywords", "'Emergency?': Add at least one word or phrase to look for."],
    [["k", "condition.keyword", { keywords: ["ok", " "] }, "Emergency?"], "keywords.1", "'Emergency?': A keyword cannot be empty."],
    [["c", "condition.cooldown", { windowMinutes: 60, scope: "client" }, "Cooldown"], "scope", "'Cooldown': Choose this flow or any flow."],
    [["s", "action.sendSms", { template: "  " }, "Text"], "template", "'Text': Write the text message."],
    [["n", "action.notifyStaff", { template: "Hi", channels: [] }, "Tell staff"], "channels", "'Tell staff': Choose at least one way to reach your staff."],
    [["t", "trigger.missedCall", { numbers: ["312-555-0134"] }, "Missed call"], "numbers.0", "'Missed call': Use a full phone number such as +13125550134."],
    [["t", "trigger.missedCall", { reasons: [] }, "Missed call"], "reasons", "'Missed call': Pick at least one kind of missed call."],
  ] as [NodeSpec, string, string][])("%j → %s", (node, field, message) => {
    const issue = validate(graphOf([node], [])).find((i) => i.code === "config.invalid");
    expect(issue).toEqual({ code: "config.invalid", severity: "error", nodeId: node[0], field, message });
  });
});

describe("templates", () => {
  it("name unknown variables and suggest real ones", () => {
    const issues = validate(graphOf([trigger, text("text", "Hi {{contact.nickname}}!", "Welcome text"), done], [["trigger", "next", "text"], ["text", "sent", "done"], ["text", "failed", "done"]]));
    expect(only(issues, "template.unknownVariable")).toEqual([
      {
        code: "template.unknownVariable",
        severity: "error",
        nodeId: "text",
        field: "template",
        message: "Unknown variable {{contact.nickname}} in 'Welcome text': use contact.firstName, contact.name, contact.phone, …",
      },
    ]);
  });

  it("catch stray braces", () => {
    const issues = validate(graphOf([["s", "action.notifyStaff", { template: "Call {{contact.phone} now" }, "Tell staff"]], []));
    expect(messages(only(issues, "template.malformed"))).toEqual(["'Tell staff' has a \"{{\" or \"}}\" that is not part of a variable: variables look like {{contact.firstName|there}}."]);
  });

  it("require the times in an offer and the link in a link text", () => {
    const offer = validate(graphOf([["b", "action.book", { template: "Want to book?" }, "Offer a visit"]], []));
    expect(messages(only(offer, "template.missingVariable"))).toEqual(["'Offer a visit' must include {{booking.slots}} so the caller gets the free times."]);
    const link = validate(graphOf([["b", "action.book", { mode: "link", template: "Book online!" }, "Send link"]], []));
    expect(messages(only(link, "template.missingVariable"))).toEqual(["'Send link' must include {{booking.link}} so the caller gets the booking link."]);
  });
});

describe("warnings", () => {
  it("a text longer than one segment", () => {
    const issues = validate(withTemplate("x".repeat(150) + " {{business.name}}"));
    expect(only(issues, "sms.multiSegment")).toEqual([
      {
        code: "sms.multiSegment",
        severity: "warning",
        nodeId: "text",
        field: "template",
        message: "'Text back' is about 2 texts long (164 characters with example values; 160 fit in one text): each extra text costs more, so shorten it to send as one.",
      },
    ]);
  });

  it("a curly apostrophe that halves the length", () => {
    const issues = validate(withTemplate("Sorry we missed you! We’ll call back soon. " + "Thanks for your patience. ".repeat(2)));
    expect(messages(only(issues, "sms.multiSegment"))).toEqual([
      "'Text back' is about 2 texts long (95 characters with example values; 70 fit in one text) because a curly apostrophe (’) allows only 70 characters per text: use a straight apostrophe (') so 160 characters fit.",
    ]);
  });

  it("a flow that never texts", () => {
    const issues = validate(graphOf([trigger, ["lead", "action.createLead"], done], [["trigger", "next", "lead"], ["lead", "next", "done"]]));
    expect(issues).toEqual([{ code: "flow.neverTexts", severity: "warning", message: "This flow never texts the caller: add a 'Send a text' step so missed callers hear back." }]);
  });

  it("a reply keyword check with no wait before it", () => {
    const issues = validate(
      graphOf(
        [trigger, ["kw", "condition.keyword", { keywords: ["emergency"] }, "Emergency?"], text("text", "Hi"), done],
        [["trigger", "next", "kw"], ["kw", "match", "text"], ["kw", "noMatch", "text"], ["text", "sent", "done"], ["text", "failed", "done"]],
      ),
    );
    expect(messages(only(issues, "keyword.noReply"))).toEqual(["'Emergency?' looks in the caller's reply, but no step before it waits for one: add a 'Wait for reply' before it."]);
  });
});

function withTemplate(template: string) {
  const graph = minimal();
  graph.nodes[1].config = { template };
  return graph;
}

describe("triggers", () => {
  const textTrigger: NodeSpec = ["trigger", "trigger.textReceived", {}, "Text received"];
  const textFlow = (template: string, more: NodeSpec[] = [], edges: EdgeSpec[] = []) =>
    graphOf([textTrigger, text("text", template, "Text back"), done, ...more], [["trigger", "next", "text"], ["text", "sent", "done"], ["text", "failed", "done"], ...edges]);

  it("a flow started by a text is valid with {{trigger.message}} and {{trigger.time}}", () => {
    expect(validate(textFlow("Re “{{trigger.message}}” ({{trigger.time}}): {{business.name}}"))).toEqual([]);
  });

  it("{{call.*}} in a flow started by a text is an error, with what to use instead", () => {
    const issues = only(validate(textFlow("You called at {{call.time}} ({{call.reason}})")), "template.notForTrigger");
    expect(issues).toEqual([
      { code: "template.notForTrigger", severity: "error", nodeId: "text", field: "template", message: "{{call.time}} in 'Text back' has no value in a flow started by 'Text received': use {{trigger.time}} instead." },
      { code: "template.notForTrigger", severity: "error", nodeId: "text", field: "template", message: "{{call.reason}} in 'Text back' has no value in a flow started by 'Text received': remove it." },
    ]);
  });

  it("{{trigger.message}} in a flow started by a missed call is an error", () => {
    expect(messages(only(validate(minimal([], [])).concat(validate(graphOf([trigger, text("text", "{{trigger.message}}", "Text back"), done], [["trigger", "next", "text"], ["text", "sent", "done"], ["text", "failed", "done"]]))), "template.notForTrigger"))).toEqual([
      "{{trigger.message}} in 'Text back' has no value in a flow started by 'Missed call': use {{call.transcript}} instead.",
    ]);
  });

  it("the webhook body and a keyword check on the voicemail are held to the trigger too", () => {
    const graph = textFlow(
      "Hi",
      [["hook", "action.webhook", { url: "https://hooks.example.com/a", body: '{"why": "{{call.reason}}"}' }], ["kw", "condition.keyword", { keywords: ["flood"], source: "voicemailTranscript" }]],
      [],
    );
    graph.edges = graph.edges.filter((e) => e.source !== "text");
    graph.edges.push(
      { id: "t1", source: "text", sourceHandle: "sent", target: "hook" },
      { id: "t2", source: "text", sourceHandle: "failed", target: "done" },
      { id: "t3", source: "hook", sourceHandle: "ok", target: "kw" },
      { id: "t4", source: "hook", sourceHandle: "failed", target: "done" },
      { id: "t5", source: "kw", sourceHandle: "match", target: "done" },
      { id: "t6", source: "kw", sourceHandle: "noMatch", target: "done" },
    );
    const issues = validate(graph).filter((i) => i.code === "template.notForTrigger" || i.code === "keyword.noVoicemail");
    expect(issues.map((i) => [i.code, i.nodeId, i.field])).toEqual([
      ["template.notForTrigger", "hook", "body"],
      ["keyword.noVoicemail", "kw", "source"],
    ]);
  });

  it("a keyword check right after a 'Text received' trigger reads their text: no warning", () => {
    const graph = graphOf(
      [textTrigger, ["kw", "condition.keyword", { keywords: ["quote"] }, "Wants a quote?"], text("text", "Hi", "Text back"), done],
      [["trigger", "next", "kw"], ["kw", "match", "text"], ["kw", "noMatch", "text"], ["text", "sent", "done"], ["text", "failed", "done"]],
    );
    expect(validate(graph)).toEqual([]);
  });

  it("a flow has one trigger, of whichever kind", () => {
    const graph = graphOf([trigger, textTrigger.with(0, "text-trigger") as NodeSpec, text("text", "Hi", "Text back"), done], [["trigger", "next", "text"], ["text", "sent", "done"], ["text", "failed", "done"], ["text-trigger", "next", "text"]]);
    expect(messages(only(validate(graph), "trigger.multiple"))).toEqual(["A flow has one trigger: remove 'Text received' or make it a separate flow."]);
    expect(messages(only(validate(graph), "edge.intoTrigger"))).toEqual([]);
  });

  it("nothing leads into a 'Text received' trigger", () => {
    const graph = graphOf([textTrigger, text("text", "Hi", "Text back"), done], [["trigger", "next", "text"], ["text", "sent", "done"], ["text", "failed", "trigger"]]);
    expect(messages(only(validate(graph), "edge.intoTrigger"))).toEqual(["'Text received' starts the flow, so nothing can lead into it: delete the connection from 'Text back'."]);
  });
});
