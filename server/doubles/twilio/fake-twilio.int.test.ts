import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTwilio, type FakeTwilio } from "./server";

// The fake against what the real twilio-node client sends and expects, so it cannot drift from
// the protocol: the same client code that talks to Twilio talks to it.

const accountSid = "AC11111111111111111111111111111111";
const authToken = "secret-token";
let fake: FakeTwilio;
let client: ReturnType<typeof twilio>;

class ToFake extends twilio.RequestClient {
  request<T>(opts: Parameters<twilio.RequestClient["request"]>[0]) {
    return super.request<T>({ ...opts, uri: String(opts.uri).replace(/^https:\/\/[^/]+/, fake.url) } as Parameters<twilio.RequestClient["request"]>[0] & { data?: T });
  }
}

beforeAll(async () => {
  fake = await startFakeTwilio({ port: 0, appBaseUrl: "http://127.0.0.1:9", accountSid, authToken, statusDelayMs: 5 });
  client = twilio(accountSid, authToken, { httpClient: new ToFake() });
});
afterAll(() => fake.close());

describe("the fake Twilio speaks the Messages API as twilio-node expects", () => {
  it("creates a message: 201 with Twilio's fields, parsed by twilio-node", async () => {
    const message = await client.messages.create({ to: "+13125550401", from: "+13125550100", body: "Hello 👋" });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.status).toBe("queued");
    expect(message.numSegments).toBe("1");
    expect(message.accountSid).toBe(accountSid);
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(fake.state.messages.at(-1)).toMatchObject({ to: "+13125550401", body: "Hello 👋" });
  });

  it("fetches a message by SID as Twilio answers it, and an unknown SID is 404 with code 20404", async () => {
    const created = await client.messages.create({ to: "+13125550404", from: "+13125550100", body: "fetch me" });
    const fetched = await client.messages(created.sid).fetch();
    expect(fetched).toMatchObject({ sid: created.sid, body: "fetch me", to: "+13125550404", from: "+13125550100", direction: "outbound-api", accountSid });
    expect(fetched.dateCreated).toBeInstanceOf(Date);
    await expect(client.messages(`SM${"0".repeat(32)}`).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it("lists messages newest first, filtered by To and DateSent>, across Twilio's pages", async () => {
    for (const body of ["first", "second", "third"]) await client.messages.create({ to: "+13125550405", from: "+13125550100", body });
    const listed = await client.messages.list({ to: "+13125550405", dateSentAfter: new Date(Date.now() - 60_000), pageSize: 2 });
    expect(listed.map((m) => m.body)).toEqual(["third", "second", "first"]);
    const page = await client.messages.page({ to: "+13125550405", pageSize: 2 });
    expect(page.nextPageUrl).toMatch(/Messages\.json\?.*Page=1/);
    expect(await client.messages.list({ to: "+13125550405", dateSentAfter: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it("refuses wrong credentials with 20003", async () => {
    const wrong = twilio(accountSid, "nope", { httpClient: new ToFake() });
    await expect(wrong.messages.create({ to: "+13125550401", from: "+13125550100", body: "x" })).rejects.toMatchObject({ status: 401, code: 20003 });
  });

  it.each([
    [21211, 400],
    [21610, 400],
    [21614, 400],
  ])("a scripted %i surfaces in twilio-node as a RestException with that code", async (code, status) => {
    const to = `+1312555${String(code).slice(-4)}`;
    fake.state.failures.set(to, code);
    await expect(client.messages.create({ to, from: "+13125550100", body: "x" })).rejects.toMatchObject({ status, code });
  });

  it("an invalid To number is 21211 without any scripting", async () => {
    await expect(client.messages.create({ to: "+1555", from: "+13125550100", body: "x" })).rejects.toMatchObject({ status: 400, code: 21211 });
  });

  it("injected 429 then 500 come back as twilio-node errors, then sends succeed", async () => {
    fake.state.injected.push(429, 500);
    await expect(client.messages.create({ to: "+13125550402", from: "+13125550100", body: "x" })).rejects.toMatchObject({ status: 429, code: 20429 });
    await expect(client.messages.create({ to: "+13125550402", from: "+13125550100", body: "x" })).rejects.toMatchObject({ status: 500 });
    await expect(client.messages.create({ to: "+13125550402", from: "+13125550100", body: "x" })).resolves.toMatchObject({ status: "queued" });
  });

  it("status callbacks are signed so twilio.validateRequest accepts them", async () => {
    const { createServer } = await import("node:http");
    const received: { url: string; signature: string; params: Record<string, string> }[] = [];
    const app = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ url: req.url!, signature: String(req.headers["x-twilio-signature"]), params: Object.fromEntries(new URLSearchParams(body)) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    const port = (app.address() as { port: number }).port;
    const callback = `http://127.0.0.1:${port}/api/twilio/status`;
    fake.state.failures.set("+13125550403", 30007);
    await client.messages.create({ to: "+13125550403", from: "+13125550100", body: "x", statusCallback: callback });
    const deadline = Date.now() + 5_000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    app.close();
    expect(received.map((r) => r.params.MessageStatus)).toEqual(["sent", "undelivered"]);
    expect(received[1].params.ErrorCode).toBe("30007");
    for (const r of received) expect(twilio.validateRequest(authToken, r.signature, callback, r.params)).toBe(true);
  });
});

describe("the fake Twilio speaks the Messaging Services API (messaging.twilio.com/v1) as twilio-node expects", () => {
  it("lists the account's services and reads a service's A2P campaign, whose status the control API sets", async () => {
    const { addMessagingService, setCampaignStatus } = await import("./messaging-services-api");
    const service = addMessagingService(fake.state, { friendlyName: "Harbor texts", campaignStatus: "IN_PROGRESS" });
    const bare = addMessagingService(fake.state, { friendlyName: "No campaign" });

    const services = await client.messaging.v1.services.list({ limit: 20 });
    expect(services.map((s) => [s.sid, s.friendlyName, s.usAppToPersonRegistered])).toEqual([
      [service.sid, "Harbor texts", true],
      [bare.sid, "No campaign", false],
    ]);
    expect((await client.messaging.v1.services(service.sid).fetch()).accountSid).toBe(accountSid);

    const [campaign] = await client.messaging.v1.services(service.sid).usAppToPerson.list({ limit: 20 });
    expect(campaign).toMatchObject({ messagingServiceSid: service.sid, campaignStatus: "IN_PROGRESS" });
    expect(campaign.sid).toMatch(/^QE[0-9a-f]{32}$/);
    expect(campaign.brandRegistrationSid).toMatch(/^BN[0-9a-f]{32}$/);

    setCampaignStatus(fake.state, { serviceSid: service.sid, status: "VERIFIED" });
    const [approved] = await client.messaging.v1.services(service.sid).usAppToPerson.list({ limit: 20 });
    expect([approved.sid, approved.campaignStatus]).toEqual([campaign.sid, "VERIFIED"]);
    expect(await client.messaging.v1.services(bare.sid).usAppToPerson.list({ limit: 20 })).toEqual([]);
  });

  it("an unknown service is 404 with code 20404, and bad credentials 401 with 20003", async () => {
    const unknown = `MG${"0".repeat(32)}`;
    await expect(client.messaging.v1.services(unknown).usAppToPerson.list()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.messaging.v1.services(unknown).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    const wrong = twilio(accountSid, "wrong-token", { httpClient: new ToFake() });
    await expect(wrong.messaging.v1.services.list()).rejects.toMatchObject({ status: 401, code: 20003 });
  });
});
