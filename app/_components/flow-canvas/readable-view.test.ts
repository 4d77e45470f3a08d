import { describe, expect, it } from "vitest";
import { openingViewport, READABLE_ZOOM, viewMovedSince } from "./readable-view";

const step = (id: string, x: number, y: number, isTrigger = false) => ({ id, position: { x, y }, width: 240, height: 80, isTrigger });

describe("where a flow opens on the canvas", () => {
  it("a flow that fits at a readable zoom is shown whole", () => {
    const fitted = { x: 10, y: 20, zoom: 1 };
    expect(openingViewport([step("t", 0, 0, true), step("a", 300, 0)], { x: 0, y: 0, width: 540, height: 80 }, { width: 900, height: 600 }, fitted)).toBe(fitted);
  });

  it("a large flow opens at the readable zoom (14 px titles stay at least 12 px) with the trigger at the left, centred vertically", () => {
    const nodes = [step("a", 0, 0), step("t", 0, 340, true), ...Array.from({ length: 8 }, (_, i) => step(`s${i}`, (i + 1) * 300, i * 170))];
    const view = openingViewport(nodes, { x: 0, y: 0, width: 2640, height: 1270 }, { width: 840, height: 700 }, { x: 0, y: 0, zoom: 0.26 });
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(14 * view.zoom).toBeGreaterThanOrEqual(12);
    // The trigger's left edge sits 48 px from the canvas edge and its middle at the canvas's middle.
    expect(view.x + 0 * view.zoom).toBe(48);
    expect(view.y + (340 + 40) * view.zoom).toBeCloseTo(350);
  });

  it("a view the person chose before the steps were measured (Fit View, zoom, pan) is kept", () => {
    const start = { x: 0, y: 0, zoom: 1 };
    expect(viewMovedSince(start, { x: 0, y: 0, zoom: 1 })).toBe(false);
    expect(viewMovedSince(start, { x: 0, y: 0, zoom: 0.4 })).toBe(true);
    expect(viewMovedSince(start, { x: -120, y: 0, zoom: 1 })).toBe(true);
    expect(viewMovedSince(start, { x: 0, y: 35, zoom: 1 })).toBe(true);
  });
});
