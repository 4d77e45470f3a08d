import type { z } from "zod";
import type { HandleId, NodeKind, nodeKinds } from "./catalogue";
import type { FlowEdge, FlowGraph, FlowNode } from "./graph";

/**
 * Starter flows a new client can begin from. Plain data; laid out left to right (one column per
 * step, branches stacked) so they read well on the canvas without an auto-layout pass.
 */

/** A starter flow offered when creating a flow. */
export type StarterFlow = { id: StarterId; name: string; description: string; graph: FlowGraph };
export type StarterId = "text-back" | "business-hours" | "full-follow-up" | "texted-first";

const COLUMN = 300;
const ROW = 170;

function node<K extends NodeKind>(id: string, kind: K, [col, row]: [number, number], label: string, config: z.input<(typeof nodeKinds)[K]["config"]>): FlowNode & { kind: K } {
  return { id, kind, label, position: { x: col * COLUMN, y: row * ROW }, config: config as Record<string, unknown> };
}

const edge = <K extends NodeKind>(source: FlowNode & { kind: K }, handle: HandleId<K>, target: FlowNode): FlowEdge => ({
  id: `${source.id}:${handle}`,
  source: source.id,
  sourceHandle: handle,
  target: target.id,
});

const allReasons = ["no-answer", "busy", "failed", "voicemail", "canceled"] as const;

function textBack(): FlowGraph {
  const trigger = node("trigger", "trigger.missedCall", [0, 0], "Missed call", { numbers: [], reasons: [...allReasons] });
  const cooldown = node("cooldown", "condition.cooldown", [1, 0], "Texted in the last 30 minutes?", { windowMinutes: 30, scope: "flow" });
  const cooling = node("end-cooling", "end", [2, 2], "Already texted", {});
  const text = node("text-back", "action.sendSms", [2, 0], "Text back", {
    template: "Hi {{contact.firstName|there}}, sorry we missed your call! How can we help? Reply here and we'll get right back to you. - {{business.name}}",
    immediate: true,
  });
  const failed = node("tell-staff", "action.notifyStaff", [3, 1], "Tell staff the text failed", {
    template: "Could not text back {{contact.phone}} after a missed call at {{call.time}}. Please call them. {{run.link}}",
    channels: ["sms", "inApp"],
  });
  const done = node("done", "end", [4, 0], "Done", {});
  return {
    nodes: [trigger, cooldown, cooling, text, failed, done],
    edges: [
      edge(trigger, "next", cooldown),
      edge(cooldown, "pass", text),
      edge(cooldown, "cooling", cooling),
      edge(text, "sent", done),
      edge(text, "failed", failed),
      edge(failed, "next", done),
    ],
  };
}

function businessHours(): FlowGraph {
  const trigger = node("trigger", "trigger.missedCall", [0, 1], "Missed call", { numbers: [], reasons: [...allReasons] });
  // Long enough to cover a night: a caller who redials at 11 PM and at 1 AM gets one after-hours
  // text and one morning follow-up; staff still see every repeat call in the app.
  const cooldown = node("cooldown", "condition.cooldown", [1, 1], "Texted in the last 12 hours?", { windowMinutes: 12 * 60, scope: "flow" });
  const calledAgain = node("called-again", "action.notifyStaff", [2, 3], "Tell staff they called again", {
    template: "{{contact.name|A caller}} ({{contact.phone}}) called again at {{call.time}}; they were already texted. {{run.link}}",
    channels: ["inApp"],
  });
  const hours = node("open-now", "condition.businessHours", [2, 1], "Open now?", {});
  const callBack = node("call-back-text", "action.sendSms", [3, 0], "We'll call you back", {
    template: "Hi {{contact.firstName|there}}, sorry we missed you! We'll call you right back. - {{business.name}}",
    immediate: true,
  });
  const staff = node("call-them-back", "action.notifyStaff", [4, 0], "Ask staff to call back", {
    template: "Missed call from {{contact.name|a caller}} ({{contact.phone}}) at {{call.time}}: please call them back now. {{run.link}}",
    channels: ["sms", "inApp"],
  });
  const afterHours = node("after-hours-text", "action.sendSms", [3, 2], "After-hours text", {
    template: "Thanks for calling {{business.name}}! We're closed right now. We'll text you as soon as we open.",
    immediate: true,
  });
  const untilOpen = node("wait-until-open", "wait.delay", [4, 2], "Wait until we open", { mode: "untilOpen" });
  const followUp = node("opening-follow-up", "action.sendSms", [5, 2], "Opening follow-up", {
    template: "Good morning from {{business.name}}! We're open now. Reply here or call {{business.phone}} and we'll help right away.",
    immediate: false,
  });
  const done = node("done", "end", [6, 1], "Done", {});
  return {
    nodes: [trigger, cooldown, calledAgain, hours, callBack, staff, afterHours, untilOpen, followUp, done],
    edges: [
      edge(trigger, "next", cooldown),
      edge(cooldown, "pass", hours),
      edge(cooldown, "cooling", calledAgain),
      edge(calledAgain, "next", done),
      edge(hours, "open", callBack),
      edge(hours, "closed", afterHours),
      edge(callBack, "sent", staff),
      edge(callBack, "failed", staff),
      edge(staff, "next", done),
      edge(afterHours, "sent", untilOpen),
      edge(afterHours, "failed", done),
      edge(untilOpen, "next", followUp),
      edge(followUp, "sent", done),
      edge(followUp, "failed", done),
    ],
  };
}

function fullFollowUp(): FlowGraph {
  const trigger = node("trigger", "trigger.missedCall", [0, 2], "Missed call", { numbers: [], reasons: [...allReasons] });
  const cooldown = node("cooldown", "condition.cooldown", [1, 2], "Texted in the last hour?", { windowMinutes: 60, scope: "flow" });
  const cooling = node("end-cooling", "end", [2, 4], "Already texted", {});
  const known = node("known-caller", "condition.existingContact", [2, 2], "Known caller?", { requireOpenLead: false });
  const welcomeBack = node("text-known", "action.sendSms", [3, 1], "Welcome-back text", {
    template: "Hi {{contact.firstName|there}}, sorry we missed your call! What can we help you with this time? - {{business.name}}",
    immediate: true,
  });
  const firstText = node("text-new", "action.sendSms", [3, 3], "New caller text", {
    template: "Thanks for calling {{business.name}}! Sorry we missed you. What can we help you with? Reply EMERGENCY if it's urgent.",
    immediate: true,
  });
  const textFailed = node("text-failed", "action.notifyStaff", [4, 4], "Tell staff the text failed", {
    template: "Could not text {{contact.phone}} back after a missed call at {{call.time}}. Please call them. {{run.link}}",
    channels: ["sms", "inApp"],
  });
  const waitReply = node("wait-reply", "wait.reply", [4, 2], "Wait for reply", { timeoutMinutes: 24 * 60 });
  const emergency = node("emergency", "condition.keyword", [5, 1], "Emergency?", { keywords: ["emergency", "urgent"], source: "lastReply" });
  const alert = node("alert-staff", "action.notifyStaff", [6, 0], "Alert staff now", {
    template: "EMERGENCY from {{contact.name|a caller}} ({{contact.phone}}): {{reply.body}} {{run.link}}",
    channels: ["sms", "inApp"],
  });
  const onIt = node("emergency-text", "action.sendSms", [7, 0], "We're on it", {
    template: "We're on it - someone from {{business.name}} will call you within minutes.",
    immediate: true,
  });
  const offer = node("offer-booking", "action.book", [6, 2], "Offer a visit", {
    mode: "offerSlots",
    replyTimeoutMinutes: 12 * 60,
    template: "We can come out at one of these times. Reply 1, 2 or 3:\n{{booking.slots}}",
    confirmTemplate: "You're booked for {{booking.time}}. See you then! - {{business.name}}",
  });
  const lead = node("create-lead", "action.createLead", [8, 2], "Create lead", {});
  const done = node("done", "end", [9, 2], "Done", {});
  return {
    nodes: [trigger, cooldown, cooling, known, welcomeBack, firstText, textFailed, waitReply, emergency, alert, onIt, offer, lead, done],
    edges: [
      edge(trigger, "next", cooldown),
      edge(cooldown, "pass", known),
      edge(cooldown, "cooling", cooling),
      edge(known, "yes", welcomeBack),
      edge(known, "no", firstText),
      edge(welcomeBack, "sent", waitReply),
      edge(welcomeBack, "failed", textFailed),
      edge(firstText, "sent", waitReply),
      edge(firstText, "failed", textFailed),
      edge(textFailed, "next", lead),
      edge(waitReply, "replied", emergency),
      edge(waitReply, "timeout", lead),
      edge(emergency, "match", alert),
      edge(emergency, "noMatch", offer),
      edge(alert, "next", onIt),
      edge(onIt, "sent", lead),
      edge(onIt, "failed", lead),
      edge(offer, "booked", lead),
      edge(offer, "notBooked", lead),
      edge(lead, "next", done),
    ],
  };
}

/** Someone texts the business first: greet them, route an emergency to staff, make a lead. */
function textedFirst(): FlowGraph {
  const trigger = node("trigger", "trigger.textReceived", [0, 1], "Text received", { numbers: [], keywords: [] });
  const cooldown = node("cooldown", "condition.cooldown", [1, 1], "Greeted in the last 12 hours?", { windowMinutes: 12 * 60, scope: "flow" });
  const cooling = node("end-cooling", "end", [2, 3], "Already greeted", {});
  const emergency = node("emergency", "condition.keyword", [2, 1], "Emergency?", { keywords: ["emergency", "urgent", "flooding", "leak"], source: "lastReply" });
  const alert = node("alert-staff", "action.notifyStaff", [3, 0], "Alert staff now", {
    template: "URGENT text from {{contact.name|someone new}} ({{contact.phone}}): {{trigger.message}} {{run.link}}",
    channels: ["sms", "inApp"],
  });
  const onIt = node("emergency-text", "action.sendSms", [4, 0], "We're on it", {
    template: "We're on it - someone from {{business.name}} will call you within minutes.",
    immediate: true,
  });
  const greet = node("greet", "action.sendSms", [3, 2], "Greeting", {
    template: "Hi {{contact.firstName|there}}, thanks for texting {{business.name}}! What can we help you with, and when is a good time to call?",
    immediate: true,
  });
  const waitReply = node("wait-reply", "wait.reply", [4, 2], "Wait for reply", { timeoutMinutes: 24 * 60 });
  const lead = node("create-lead", "action.createLead", [5, 1], "Create lead", {});
  const tell = node("tell-staff", "action.notifyStaff", [6, 1], "Tell staff", {
    template: "New lead by text: {{contact.name|someone new}} ({{contact.phone}}) wrote “{{trigger.message}}”. Latest: {{reply.body|no reply yet}} {{run.link}}",
    channels: ["inApp"],
  });
  const done = node("done", "end", [7, 1], "Done", {});
  return {
    nodes: [trigger, cooldown, cooling, emergency, alert, onIt, greet, waitReply, lead, tell, done],
    edges: [
      edge(trigger, "next", cooldown),
      edge(cooldown, "pass", emergency),
      edge(cooldown, "cooling", cooling),
      edge(emergency, "match", alert),
      edge(emergency, "noMatch", greet),
      edge(alert, "next", onIt),
      edge(onIt, "sent", lead),
      edge(onIt, "failed", lead),
      edge(greet, "sent", waitReply),
      edge(greet, "failed", lead),
      edge(waitReply, "replied", lead),
      edge(waitReply, "timeout", lead),
      edge(lead, "next", tell),
      edge(tell, "next", done),
    ],
  };
}

/** The starter flows, freshly built on each call so callers may edit them. */
export function starterFlows(): StarterFlow[] {
  return [
    { id: "text-back", name: "Text back every missed call", description: "Every missed caller gets a friendly text within seconds (once per 30 minutes).", graph: textBack() },
    {
      id: "business-hours",
      name: "Business hours aware",
      description: "Open: tell the caller you'll call right back and alert staff. Closed: say so, then follow up when you open. One text per caller per 12 hours.",
      graph: businessHours(),
    },
    {
      id: "full-follow-up",
      name: "Full follow-up",
      description: "New or known caller, one text per hour at most, waits for the reply, escalates emergencies, offers a booking and creates a lead.",
      graph: fullFollowUp(),
    },
    {
      id: "texted-first",
      name: "Texted us first",
      description: "Someone texts your number first: an emergency goes straight to staff, everyone else is greeted and asked what they need; each becomes a lead. One greeting per 12 hours.",
      graph: textedFirst(),
    },
  ];
}

export function starterFlow(id: StarterId): StarterFlow {
  return starterFlows().find((s) => s.id === id)!;
}
