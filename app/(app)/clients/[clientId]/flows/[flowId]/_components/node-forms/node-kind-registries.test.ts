import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { icons } from "@/app/_components/flow-canvas/node-visuals";
import { handlers } from "@/server/flows/engine/nodes";
import { defaultConfigOf, EffectNames, handlesOf, nodeKinds, NodeKinds, summaryOf, templateFieldsOf, type NodeKind } from "@/server/flows/model";
import { nodeForms, type NodeForm } from ".";

/**
 * A node kind is declared once (server/flows/model/catalogue.ts) and has an entry in each per-kind
 * registry: the engine's handlers, the editor's forms, the canvas's icons. The types make a missing
 * entry a compile error; this checks, kind by kind, that every fact is really there and usable —
 * so a new kind cannot fall back to an empty form, an empty summary, a warning-sign icon or a raw
 * effect name.
 */

const shapeOf = (k: NodeKind): Record<string, unknown> | null => {
  const schema = nodeKinds[k].config as unknown as { shape?: Record<string, unknown>; options?: { shape: Record<string, unknown> }[] };
  if (schema.shape) return schema.shape;
  if (schema.options) return Object.assign({}, ...schema.options.map((o) => o.shape));
  return null;
};

const render = (k: NodeKind, config: Record<string, unknown>) =>
  renderToStaticMarkup(
    createElement(nodeForms[k] as NodeForm<NodeKind>, { config, set: () => {}, errorsFor: () => [], readOnly: false, numbers: [{ e164: "+13125550100", label: "Main line" }] }),
  );

describe.each(NodeKinds)("node kind %s", (k) => {
  const def = nodeKinds[k];

  it("has a name, a description and a category matching its prefix", () => {
    expect(def.label.trim()).not.toBe("");
    expect(def.description.trim()).not.toBe("");
    expect(k === "end" ? "end" : k.split(".")[0]).toBe(def.category);
  });

  it("has an engine handler", () => {
    expect(typeof handlers[k]).toBe("function");
  });

  it("has an icon the canvas can draw", () => {
    expect(icons[def.icon]).toBeDefined();
  });

  it("has labelled outputs with unique ids, also for its default settings and an empty draft", () => {
    for (const handles of [def.handles, handlesOf({ kind: k, config: defaultConfigOf(k) }), handlesOf({ kind: k, config: {} })]) {
      expect(new Set(handles.map((h) => h.id)).size).toBe(handles.length);
      for (const h of handles) expect(h.label.trim()).not.toBe("");
      // A node's outputs are always among its kind's (the engine's HandleId type).
      for (const h of handles) expect(def.handles.map((d) => d.id)).toContain(h.id);
    }
  });

  it("summarises its default settings and an empty draft in words", () => {
    expect(summaryOf({ kind: k, config: defaultConfigOf(k) }).trim()).not.toBe("");
    expect(summaryOf({ kind: k, config: {} }).trim()).not.toBe("");
    expect(summaryOf({ kind: k, config: {} })).not.toMatch(/undefined|NaN|null/);
  });

  it("has a settings form that renders its default settings and an empty draft", () => {
    expect(typeof nodeForms[k]).toBe("function");
    expect(render(k, defaultConfigOf(k)).length).toBeGreaterThan(0);
    expect(render(k, {}).length).toBeGreaterThan(0);
  });

  it("names template fields its config really has", () => {
    const shape = shapeOf(k);
    for (const { field } of templateFieldsOf(k)) expect(shape && Object.keys(shape)).toContain(field);
  });

  it("labels every effect it declares, and says it texts or reads replies exactly when it asks to", () => {
    const effects = Object.entries(def.effects);
    for (const [effect, label] of effects) {
      expect(EffectNames).toContain(effect);
      expect(label?.trim()).not.toBe("");
    }
    expect(def.texts).toBe("sendSms" in def.effects);
    expect(def.readsReply).toBe("waitForReply" in def.effects);
  });
});
