import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPathFor } from "./return-path";

describe("the page to return to after signing in", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeReturnPath("/clients/demo_greenfield/runs/r1")).toBe("/clients/demo_greenfield/runs/r1");
    expect(safeReturnPath("/clients/c/runs?status=failed")).toBe("/clients/c/runs?status=failed");
    expect(signInPathFor("/clients/c/runs/r1")).toBe("/sign-in?next=%2Fclients%2Fc%2Fruns%2Fr1");
  });

  it("never sends anyone to another site", () => {
    for (const bad of ["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined, "/x\u0000y"]) {
      expect(safeReturnPath(bad)).toBe("/");
    }
    expect(signInPathFor("//evil.example")).toBe("/sign-in");
    expect(signInPathFor("/")).toBe("/sign-in");
  });
});
