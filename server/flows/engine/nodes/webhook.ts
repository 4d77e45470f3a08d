import { renderJsonTemplate } from "../../model/webhook";
import { templateValues } from "../template-values";
import { ask, go, resultOf, type NodeHandler } from "./node-handler";

/**
 * "Send to a webhook": one effect, the POST; the runner signs, sends and retries it. Delivered, its
 * answer's declared fields become {{webhook.<saveAs>.<field>}} for the steps after it. A receiver
 * that refuses it (4xx), or cannot be reached by the last attempt, leads to "failed" with the reason.
 */
export const webhook: NodeHandler<"action.webhook"> = (run) => {
  const { url, body, saveAs, fields } = run.node.config;
  if (run.phase === null) {
    return ask({ kind: "postWebhook", url, body: renderJsonTemplate(body, templateValues(run.facts, run.vars)), fields: [...fields] }, "posted");
  }
  const result = resultOf(run, "postWebhook");
  if (result.status === "failed") return go("failed", result.error ?? "the webhook could not be reached");
  run.vars.webhook = { ...run.vars.webhook, [saveAs]: result.fields };
  const kept = Object.keys(result.fields);
  const note = [`answered ${result.httpStatus ?? "OK"}`, kept.length > 0 ? `kept ${kept.join(", ")}` : null, result.note ?? null].filter(Boolean).join("; ");
  return go("ok", note);
};
