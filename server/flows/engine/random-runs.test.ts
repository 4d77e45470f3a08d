import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { freeSlots } from "../../schedule/free-slots";
import { emptyWeek, scheduleFor } from "../../schedule/test-schedules";
import { handlesOf, nodeKinds, type NodeKind } from "../model/catalogue";
import type { FlowGraph } from "../model/graph";
import { DEFAULT_MAX_VISITS } from "./advance";
import type { EffectResult } from "./effects";
import { booking, drive, facts, graphOf, type EdgeSpec, type NodeSpec } from "./test-support";
import type { LegacyStartFactsInput } from "./types";
import { validate } from "./validate";

/**
 * Property: any valid graph, any situation, any answers from the world — the engine never throws
 * and every run ends (completed, or failed with a reason) within the step budget.
 */

const configs: Record<Exclude<NodeKind, "trigger.missedCall" | "trigger.textReceived">, Record<string, unknown>[]> = {
  "condition.businessHours": [{}],
  "condition.existingContact": [{}, { requireTag: "vip" }, { requireOpenLead: true }],
  "condition.keyword": [{ keywords: ["emergency"] }, { keywords: ["yes", "book"], source: "lastReply" }, { keywords: ["flood"], source: "voicemailTranscript" }],
  "condition.cooldown": [{ windowMinutes: 60 }, { windowMinutes: 1, scope: "any" }],
  "action.sendSms": [{ template: "Hi {{contact.firstName|there}}" }, { template: "{{reply.body}}", immediate: true }, { template: "Open at {{business.phone}}" }],
  "action.createLead": [{}],
  "action.notifyStaff": [{ template: "Call {{contact.phone}} {{run.link}}" }],
  "action.tagContact": [{ add: ["vip"] }, { add: ["called"], remove: ["vip"] }],
  "action.abSplit": [{ branches: [{ weight: 1 }, { weight: 3 }] }, { branches: [{ weight: 10 }, { weight: 20 }, { weight: 30 }, { weight: 40 }] }],
  "action.book": [{ template: "Pick {{booking.slots}}" }, { mode: "link", template: "{{booking.link}}" }, { template: "{{booking.slots}}", replyTimeoutMinutes: 1 }],
  "action.webhook": [{ url: "https://hooks.example.com/a", body: '{"who":"{{contact.phone}}","said":"{{reply.body}}"}', saveAs: "a", fields: ["id"] }],
  "wait.reply": [{ timeoutMinutes: 1 }, { timeoutMinutes: 20_160 }],
  "wait.delay": [{ mode: "duration", minutes: 5 }, { mode: "untilOpen" }],
  end: [{}],
};
const kinds = Object.keys(configs) as (keyof typeof configs)[];

/** Draws numbers from a fast-check array, cycling, so a graph is a pure function of its seed. */
const drawer = (seed: number[]) => {
  let i = 0;
  return (n: number) => (n <= 1 ? 0 : seed[i++ % seed.length] % n);
};

/**
 * A valid graph: each new node hangs from an open output of an earlier node (so all are reachable
 * and edges point forward); leftover outputs go forward or to the final end, and outputs of wait
 * nodes may also go back, so every loop passes through a wait.
 */
function randomGraph(seed: number[], size: number): FlowGraph {
  const draw = drawer(seed);
  const nodes: NodeSpec[] = [["n0", "trigger.missedCall"]];
  const edges: EdgeSpec[] = [];
  const open: [string, string][] = [["n0", "next"]];
  for (let i = 1; i < size && open.length > 0; i++) {
    const kind = kinds[draw(kinds.length)];
    const id = `n${i}`;
    const config = configs[kind][draw(configs[kind].length)];
    nodes.push([id, kind, config]);
    const [source, handle] = open.splice(draw(open.length), 1)[0];
    edges.push([source, handle, id]);
    open.push(...handlesOf({ kind, config }).map((h): [string, string] => [id, h.id]));
  }
  nodes.push(["last", "end"]);
  for (const [source, handle] of open) {
    const index = Number(source.slice(1));
    const isWait = nodeKinds[nodes[index][1]].category === "wait";
    const targets = nodes.slice(isWait ? 1 : index + 1).map((n) => n[0]);
    edges.push([source, handle, targets[draw(targets.length)]]);
  }
  // The final end is only kept when something leads to it.
  return graphOf(edges.some((e) => e[2] === "last") ? nodes : nodes.slice(0, -1), edges);
}

const bodies = ["2", "EMERGENCY!", "yes book me", "hmm", "tomorrow 10am", "no thanks"];

function randomFacts(seed: number[]): LegacyStartFactsInput {
  const draw = drawer(seed);
  const base = facts();
  return {
    ...base,
    call: { ...base.call, at: new Date(Date.UTC(2026, 0, 1) + draw(365 * 24 * 60) * 60_000).toISOString(), voicemailTranscript: draw(2) ? "basement flood" : null },
    contact: { existing: draw(2) === 1, firstName: draw(2) ? "Maria" : null, name: null, tags: draw(2) ? ["VIP"] : [], hasOpenLead: draw(2) === 1 },
    schedule: draw(5) === 0 ? scheduleFor("America/New_York", { businessHours: emptyWeek }) : scheduleFor(draw(2) ? "America/Chicago" : "America/New_York"),
    booking: draw(4) === 0 ? null : booking,
  };
}

describe("random valid flows", () => {
  it("never throw and always end within the step budget", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 2, max: 30 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
        (graphSeed, size, factSeed, worldSeed) => {
          const graph = randomGraph(graphSeed, size);
          expect(validate(graph).filter((i) => i.severity === "error")).toEqual([]);
          const f = randomFacts(factSeed);
          const draw = drawer(worldSeed);
          const run = drive(graph, f, (effect, now): EffectResult | undefined => {
            const later = new Date(Date.parse(now) + draw(90) * 60_000).toISOString();
            switch (effect.kind) {
              case "sendSms":
                return { status: draw(4) === 0 ? "failed" : "sent", at: now };
              case "claimCooldown":
                return { claimed: draw(2) === 0, at: now };
              case "waitForReply":
                return draw(3) === 0 ? { reply: null, at: effect.deadline } : { reply: { body: bodies[draw(bodies.length)], at: later }, at: later };
              case "findSlots":
                return { slots: draw(4) === 0 ? [] : freeSlots({ schedule: f.schedule, booking, from: effect.from, existing: [], count: effect.count }), at: now };
              case "bookSlot":
                return { booked: draw(3) !== 0, at: now };
              default:
                return undefined;
            }
          });
          expect(["completed", "failed"]).toContain(run.last.status);
          expect(run.last.state.visits).toBeLessThanOrEqual(DEFAULT_MAX_VISITS + 1);
          if (run.last.status === "failed") expect(["budgetExceeded", "neverOpens"]).toContain(run.last.state.error?.code);
          // Step ids are unique within a run.
          expect(new Set(run.effects.map((e) => e.stepId)).size).toBe(run.effects.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
