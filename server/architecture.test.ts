import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The house, as a graph between server folders: a folder may lean on the ones below it, never on
// one that leans back on it. This test reads every production file under server/ with the
// TypeScript parser, resolves its imports (relative and `@/`), and fails with the loop written
// out, file by file, when two folders import each other — directly or round a longer ring.
// Type-only imports count: `import type` from a folder still means the two folders must change
// together, which is the coupling a loop is about.

const root = path.resolve(import.meta.dirname, "..");
const serverDir = path.join(root, "server");

/** Sub-folders that are units of their own (the rest of server/ is one unit per top-level folder). */
const ownUnits = [
  "flows/model",
  "flows/engine",
  "flows/runtime",
  "inngest/functions",
  "twilio/webhooks",
  "doubles/inngest-server",
  "doubles/twilio",
  "mail/dev-mailbox",
];

/** Not production code: tests, their harnesses, and Prisma's generated client (it is the db's own). */
function isExcluded(relative: string): boolean {
  return (
    relative.endsWith(".test.ts") ||
    relative.startsWith("testing/") ||
    relative.startsWith("db/generated/") ||
    relative.endsWith(".d.ts")
  );
}

/** The folder unit a file (path relative to server/) belongs to; top-level files are their own unit. */
function unitOf(relative: string): string {
  const own = ownUnits.find((unit) => relative.startsWith(unit + "/"));
  if (own) return own;
  const slash = relative.indexOf("/");
  return slash === -1 ? relative.replace(/\.tsx?$/, "") : relative.slice(0, slash);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier a file names: import/export … from, import x = require, import(), import("…") types. */
function specifiersOf(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push(expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push(argument.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The file a specifier names, or null for a package (or a path outside the repository's sources). */
function resolve(fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")];
  const hit = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  if (!hit) throw new Error(`${path.relative(root, fromFile)} imports "${specifier}", which names no file: fix the import or this resolver.`);
  return hit;
}

type Edge = { from: string; to: string; file: string; imports: string };

let edgesRead: Edge[] | undefined;

/** Every import from one server folder into another, read once per test file. */
function folderEdges(): Edge[] {
  edgesRead ??= readFolderEdges();
  return edgesRead;
}

function readFolderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(serverDir)) {
    const relative = path.relative(serverDir, file).split(path.sep).join("/");
    if (isExcluded(relative)) continue;
    for (const specifier of specifiersOf(file, fs.readFileSync(file, "utf8"))) {
      const target = resolve(file, specifier);
      if (!target || !target.startsWith(serverDir + path.sep)) continue;
      const targetRelative = path.relative(serverDir, target).split(path.sep).join("/");
      const from = unitOf(relative);
      const to = unitOf(targetRelative);
      if (from !== to) edges.push({ from, to, file: `server/${relative}`, imports: `server/${targetRelative}` });
    }
  }
  return edges;
}

/** Strongly connected components of more than one folder (Tarjan): each is at least one loop. */
function loopsIn(edges: Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)!.add(to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)!) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) connect(node);
  return components;
}

/** The shortest loop through each folder of a component (each loop once), with the file that makes each hop. */
function describeLoops(component: string[], edges: Edge[]): string[] {
  const loops = new Map<string, string>();
  for (const start of component) {
    const hops = shortestLoop(start, new Set(component), edges);
    const key = hops.map((hop) => hop.from).sort().join(",") + "|" + hops.map((hop) => hop.file).sort().join(",");
    if (loops.has(key)) continue;
    const ring = [start, ...hops.map((hop) => hop.to)].join(" → ");
    const detail = hops.map((hop) => `    ${hop.from} → ${hop.to}: ${hop.file} imports ${hop.imports}`).join("\n");
    loops.set(key, `  ${ring}\n${detail}`);
  }
  return [...loops.values()];
}

function shortestLoop(start: string, inside: Set<string>, edges: Edge[]): Edge[] {
  const previous = new Map<string, Edge>();
  const queue = [start];
  const seen = new Set([start]);
  let closing: Edge | undefined;
  while (queue.length > 0 && !closing) {
    const node = queue.shift()!;
    for (const edge of edges) {
      if (edge.from !== node || !inside.has(edge.to)) continue;
      if (edge.to === start) {
        closing = edge;
        break;
      }
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        previous.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
  }
  const hops: Edge[] = [closing!];
  for (let at = closing!.from; at !== start; at = previous.get(at)!.from) hops.unshift(previous.get(at)!);
  return hops;
}

describe("the server's folders", () => {
  it("import each other without a loop", () => {
    const edges = folderEdges();
    const loops = loopsIn(edges).flatMap((component) => describeLoops(component, edges));
    expect(
      loops,
      `Import loops between server folders. Break each by moving the shared code down into the folder both can import (or by passing it in), then run this test again:\n${loops.join("\n")}`,
    ).toEqual([]);
  });

  it("leave the adapters on top: no folder imports server/api, a webhook or an Inngest function", () => {
    // app/ (and tests) call the adapters; a domain that imported one would be leaning on the HTTP
    // or the durable-engine edge of the house instead of the other way round.
    const adapters = new Set(["api", "twilio/webhooks", "inngest/functions"]);
    const upward = folderEdges()
      .filter((edge) => adapters.has(edge.to))
      .map((edge) => `${edge.file} imports ${edge.imports}`);
    expect(upward, "Move what these need out of the adapter into the domain, and let the adapter import it from there").toEqual([]);
  });

  it("sees every kind of import, type-only ones included", () => {
    const specifiers = specifiersOf(
      "sample.ts",
      [
        `import { a } from "./a";`,
        `import type { B } from "../b";`,
        `export { c } from "@/server/c";`,
        `export type * from "./d";`,
        `import e = require("./e");`,
        `const f = await import("./f");`,
        `let g: import("./g").G;`,
        `import "./h";`,
      ].join("\n"),
    );
    expect(specifiers).toEqual(["./a", "../b", "@/server/c", "./d", "./e", "./f", "./g", "./h"]);
  });

  it("finds a loop and names the files that make it", () => {
    const edges: Edge[] = [
      { from: "contacts", to: "events", file: "server/contacts/opt-out.ts", imports: "server/events/client.ts" },
      { from: "events", to: "contacts", file: "server/events/schemas.ts", imports: "server/contacts/revocation.ts" },
      { from: "events", to: "db", file: "server/events/client.ts", imports: "server/db/client.ts" },
    ];
    const loops = loopsIn(edges);
    expect(loops).toEqual([["contacts", "events"]]);
    expect(describeLoops(loops[0], edges).join("\n")).toContain("events → contacts: server/events/schemas.ts imports server/contacts/revocation.ts");
  });

  it("splits the folders named as units of their own", () => {
    expect(unitOf("flows/engine/nodes/book.ts")).toBe("flows/engine");
    expect(unitOf("flows/flow-service.ts")).toBe("flows");
    expect(unitOf("inngest/functions/run-flow.ts")).toBe("inngest/functions");
    expect(unitOf("inngest/serve-options.ts")).toBe("inngest");
    expect(unitOf("env.ts")).toBe("env");
    expect(unitOf("api/routers/clients/router.ts")).toBe("api");
  });
});
