import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { nodeFetch } from "./node-fetch";

let server: http.Server;
let base: string;
const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === "/empty") return void res.writeHead(204).end();
      res.writeHead(req.url === "/fail" ? 500 : 200, { "content-type": "application/json", "x-multi": ["a", "b"] });
      res.end(JSON.stringify({ echoed: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("posts the body with its headers and returns status, headers and JSON as fetch does", async () => {
  const res = await nodeFetch(`${base}/e/key`, {
    method: "POST",
    body: '[{"name":"x"}]',
    headers: { "Content-Type": "application/json", Authorization: "Bearer k" },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json");
  expect(res.headers.get("x-multi")).toBe("a, b");
  expect(await res.json()).toEqual({ echoed: '[{"name":"x"}]' });
  const last = seen.at(-1)!;
  expect(last.method).toBe("POST");
  expect(last.headers.authorization).toBe("Bearer k");
});

test("an error status is a response, not a throw; 204 has no body", async () => {
  expect((await nodeFetch(`${base}/fail`)).status).toBe(500);
  const empty = await nodeFetch(new URL(`${base}/empty`), { method: "PUT" });
  expect(empty.status).toBe(204);
  expect(await empty.text()).toBe("");
});

test("a refused connection rejects like fetch", async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await expect(nodeFetch(`http://127.0.0.1:${port}/e/key`, { method: "POST", body: "[]" })).rejects.toThrow(/ECONNREFUSED/);
});
