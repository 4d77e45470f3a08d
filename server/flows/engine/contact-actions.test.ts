import { describe, expect, it } from "vitest";
import { advance } from "./advance";
import type { Effect } from "./effects";
import { pickWeighted } from "./nodes/contact-actions";
import { around, drive, facts, graphOf, type Responder } from "./test-support";

/** Tag contact and A/B split, the actions that change the contact and split the traffic. */

const knownNew = { existing: true, firstName: "Ana", name: "Ana Ruiz", tags: ["new"], hasOpenLead: false };
const when = (kind: Effect["kind"], result: object): Responder => (e, now) => (e.kind === kind ? ({ at: now, ...result } as never) : undefined);

/** trigger → tag → known caller tagged `requireTag`? → yes / no */
const tagThenCheck = (tagConfig: Record<string, unknown>, requireTag: string) =>
  graphOf(
    [["trigger", "trigger.missedCall"], ["tag", "action.tagContact", tagConfig, "Tag them"], ["check", "condition.existingContact", { requireTag }], ["yes", "end"], ["no", "end"]],
    [["trigger", "next", "tag"], ["tag", "next", "check"], ["check", "yes", "yes"], ["check", "no", "no"]],
  );

describe("Tag contact", () => {
  it.each([
    { name: "adds a tag the next check sees", config: { add: ["vip"] }, check: "vip", end: "yes", tags: ["new", "vip"] },
    { name: "removes a tag the next check no longer sees", config: { remove: ["new"] }, check: "new", end: "no", tags: [] },
    { name: "adds and removes in one step", config: { add: ["vip"], remove: ["new"] }, check: "vip", end: "yes", tags: ["vip"] },
    { name: "tags typed in capitals are stored lower-case, and the check ignores case", config: { add: [" Gold "] }, check: "GOLD", end: "yes", tags: ["new", "gold"] },
    { name: "a tag it did not touch is still there", config: { add: ["vip"] }, check: "new", end: "yes", tags: ["new", "vip"] },
  ])("$name", ({ config, check, end, tags }) => {
    const run = drive(tagThenCheck(config, check), facts({ contact: knownNew }));
    expect(run.last.status).toBe("completed");
    expect(run.last.state.endNodeId).toBe(end);
    expect(run.last.state.vars.tags).toEqual(tags);
  });

  it("asks for one tagContact effect for the caller, with the normalised lists", () => {
    const run = drive(around("action.tagContact", { add: ["VIP", "Called Twice"], remove: ["new"] }, ["next"]));
    expect(run.effects).toEqual([{ kind: "tagContact", stepId: "tagContact:step", nodeId: "step", contact: "+13125550134", add: ["vip", "called twice"], remove: ["new"] }]);
    expect(run.trace.find((t) => t.nodeId === "step")?.note).toBe("tagged vip, called twice; untagged new");
  });

  it("the check uses the tags the runner reports, not what the step asked for", () => {
    // Staff removed "vip" meanwhile: the runner's answer is the truth.
    const run = drive(tagThenCheck({ add: ["vip"] }, "vip"), facts({ contact: knownNew }), when("tagContact", { tags: ["new"] }));
    expect(run.last.state.endNodeId).toBe("no");
  });

  it("a new caller is still a new caller after being tagged (known means known before this call)", () => {
    expect(drive(tagThenCheck({ add: ["vip"] }, "vip")).last.state.endNodeId).toBe("no");
  });
});

const split = (branches: { label?: string; weight: number }[]) => around("action.abSplit", { branches }, ["a", "b", "c", "d"].slice(0, branches.length), "Which text?");

describe("A/B split", () => {
  it("asks the runner to draw with the branches' weights, and goes the way it drew", () => {
    const graph = split([{ label: "Short", weight: 70 }, { label: "Long", weight: 30 }]);
    const run = drive(graph, facts(), when("pickBranch", { branch: 1 }));
    expect(run.effects).toEqual([{ kind: "pickBranch", stepId: "pickBranch:step", nodeId: "step", weights: [70, 30] }]);
    expect(run.last.state.endNodeId).toBe("end-b");
    expect(run.trace.find((t) => t.nodeId === "step")).toMatchObject({ handle: "b", note: "Long, drawn with a 30% chance" });
  });

  it("is stable per run: replaying the recorded draw takes the same branch every time", () => {
    const graph = split([{ weight: 1 }, { weight: 1 }, { weight: 1 }]);
    const start = advance(graph, null, { type: "start", facts: facts() });
    const effect = start.effects[0];
    const ends = Array.from({ length: 5 }, () => advance(graph, start.state, { type: "result", stepId: effect.stepId, result: { branch: 2, at: start.state.now } }).state.endNodeId);
    expect(new Set(ends)).toEqual(new Set(["end-c"]));
  });

  it("fails the run clearly when told a branch it does not have", () => {
    const run = drive(split([{ weight: 50 }, { weight: 50 }]), facts(), when("pickBranch", { branch: 2 }));
    expect(run.last.status).toBe("failed");
    expect(run.last.state.error).toEqual({ code: "effectFailed", nodeId: "step", message: "'Which text?' was given branch 3, but it has 2 branches." });
  });

  it.each([
    { weights: [50, 50], random: 0, branch: 0 },
    { weights: [50, 50], random: 0.4999, branch: 0 },
    { weights: [50, 50], random: 0.5, branch: 1 },
    { weights: [50, 50], random: 0.9999, branch: 1 },
    { weights: [90, 10], random: 0.89, branch: 0 },
    { weights: [90, 10], random: 0.9, branch: 1 },
    { weights: [1, 1, 1, 1], random: 0.74, branch: 2 },
    { weights: [1, 1, 1, 1], random: 0.75, branch: 3 },
    { weights: [10, 20, 30, 40], random: 0.3, branch: 2 },
  ])("draws branch $branch from weights $weights at $random", ({ weights, random, branch }) => {
    expect(pickWeighted(weights, random)).toBe(branch);
  });

  it("a draw from many random numbers lands on each branch in proportion to its weight", () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 1000; i++) counts[pickWeighted([60, 30, 10], (i + 0.5) / 1000)]++;
    expect(counts).toEqual([600, 300, 100]);
  });
});
