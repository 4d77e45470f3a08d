import type { FakeMessagingService } from "./messaging-services-api";
import type { FakeIncomingNumber } from "./numbers-api";

/** What the fake Twilio remembers: every text either way, scripted failures, injected errors. */
export interface FakeMessage {
  sid: string;
  direction: "outbound-api" | "inbound";
  from: string;
  to: string;
  body: string;
  status: string;
  errorCode: number | null;
  numSegments: number;
  statusCallback: string | null;
  messagingServiceSid: string | null;
  validityPeriod: number | null;
  dateCreated: string;
}

export interface FakeCall {
  sid: string;
  from: string;
  to: string;
  outcome: string;
  steps: { request: string; status: number; twiml: string }[];
}

export class FakeTwilioState {
  messages: FakeMessage[] = [];
  calls: FakeCall[] = [];
  /** Destination number → the error Twilio should give for texts to it. */
  failures = new Map<string, number>();
  /**
   * What to answer the next Messages.json requests with, in order: an HTTP error (429, 500, …), or
   * "reset": accept the text, then drop the connection without answering.
   */
  injected: (number | "reset")[] = [];
  /** Destination number → how long Twilio takes to accept a text to it (ms): a send "in flight". */
  latency = new Map<string, number>();
  requests = 0;
  /** The account's own numbers (IncomingPhoneNumbers), with where their webhooks point. */
  numbers: FakeIncomingNumber[] = [];
  /** Numbers bought by another Twilio customer: no longer for sale (error 21422). */
  takenElsewhere = new Set<string>();
  /** The account's Messaging Services, each with its US A2P 10DLC campaign (if any). */
  messagingServices: FakeMessagingService[] = [];

  /** Where Twilio would post a webhook for a call or text to `to`: the number's own URL, else the default. */
  webhookFor(to: string, kind: "voiceUrl" | "statusCallback" | "smsUrl", fallback: string) {
    const configured = this.numbers.find((n) => n.phoneNumber === to)?.[kind];
    // A fragment (Twilio's connection overrides, #rc=…) is never sent over HTTP, nor signed.
    return configured ? configured.replace(/#.*$/, "") : fallback;
  }

  private held: (() => void)[] | null = null;

  /** Status callbacks wait until released (a test's way to post them while the app is down). */
  holdCallbacks() {
    this.held ??= [];
  }

  releaseCallbacks() {
    const waiting = this.held ?? [];
    this.held = null;
    for (const go of waiting) go();
  }

  callbacksHeld() {
    return this.held !== null;
  }

  /** Resolves at once, or when held callbacks are released. */
  callbackMayGo(): Promise<void> {
    return this.held ? new Promise((resolve) => this.held!.push(resolve)) : Promise.resolve();
  }

  reset() {
    this.releaseCallbacks();
    this.numbers = [];
    this.takenElsewhere.clear();
    this.messagingServices = [];
    this.messages = [];
    this.calls = [];
    this.failures.clear();
    this.injected = [];
    this.latency.clear();
    this.requests = 0;
  }

  /** Texts in and out of one number, oldest first, as a phone would show them. */
  thread(number: string, other?: string) {
    return this.messages.filter(
      (m) => (m.from === number || m.to === number) && (!other || m.from === other || m.to === other),
    );
  }
}

const hex = () => Array.from({ length: 32 }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");
export const newSid = (prefix: "SM" | "CA" | "RE") => `${prefix}${hex()}`;
