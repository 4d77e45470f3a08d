import { nextOpening } from "../../../schedule/business-hours";
import { formatDayTime } from "../../../schedule/format";
import { formatMinutes } from "../../model/durations";
import { addMinutes, ask, go, resultOf, type NodeHandler } from "./node-handler";

/** Waits are effects too: the runner turns them into durable Inngest waits and sleeps. */

export const waitReply: NodeHandler<"wait.reply"> = (run) => {
  const { timeoutMinutes } = run.node.config;
  if (run.phase === null) {
    return ask(
      {
        kind: "waitForReply",
        from: run.facts.contact.e164,
        since: run.repliesSince,
        timeoutSeconds: timeoutMinutes * 60,
        deadline: addMinutes(run.now, timeoutMinutes),
      },
      "waited",
    );
  }
  const { reply } = resultOf(run, "waitForReply");
  if (!reply) return go("timeout", `no reply within ${formatMinutes(timeoutMinutes, "exact")}`);
  run.vars.reply = reply;
  return go("replied", `replied "${reply.body}"`);
};

export const waitDelay: NodeHandler<"wait.delay"> = (run) => {
  const config = run.node.config;
  if (run.phase !== null) return go("next", typeof run.data === "string" ? run.data : undefined);
  if (config.mode === "duration") {
    return ask({ kind: "sleep", until: addMinutes(run.now, config.minutes), reason: "delay" }, "slept", `waited ${formatMinutes(config.minutes, "exact")}`);
  }
  const { schedule } = run.facts;
  const opening = nextOpening(schedule, run.now);
  if (opening === null) {
    return {
      type: "fail",
      error: { code: "neverOpens", nodeId: run.node.id, message: `'${run.name}' waits until the business opens, but no business hours are set. Add opening hours in Settings.` },
    };
  }
  if (Date.parse(opening) <= Date.parse(run.now)) return go("next", "already open");
  return ask({ kind: "sleep", until: opening, reason: "untilOpen" }, "slept", `opens ${formatDayTime(opening, schedule.timezone)}`);
};
