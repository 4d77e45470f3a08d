/** The demo tenants and logins the seed creates (also used by e2e tests). */
export const DEMO_PASSWORD = "ringback-demo";

const weekdays = [{ start: "08:00", end: "17:00" }];
export const demoAgency = { slug: "northwind", name: "Northwind Digital" };

export const demoUsers = {
  agencyAdmin: { email: "ava@northwind.test", name: "Ava Northwind", role: "admin" as const },
  agencyBuilder: { email: "ben@northwind.test", name: "Ben Builder", role: "builder" as const },
  greenfieldOwner: { email: "olivia@greenfield.test", name: "Olivia Green", role: "owner" as const, client: "greenfield" as const },
  greenfieldOps: { email: "oscar@greenfield.test", name: "Oscar Ops", role: "ops" as const, client: "greenfield" as const },
};

export const demoClients = {
  greenfield: {
    id: "demo_greenfield",
    name: "Greenfield Plumbing",
    businessName: "Greenfield Plumbing",
    timezone: "America/Chicago",
    businessHours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [{ start: "09:00", end: "13:00" }], sun: [] },
    quietHours: { start: "21:00", end: "08:00" },
    number: { e164: "+13125550100", label: "Main line", forwardTo: "+13125550199", ringTimeoutSeconds: 20, voicemailEnabled: true },
    staff: { name: "Gus Green", mobile: "+13125550142", email: "gus@greenfield.test", notifySms: true, notifyEmail: false },
  },
  brightSmiles: {
    id: "demo_bright_smiles",
    name: "Bright Smiles Dental",
    businessName: "Bright Smiles Dental",
    timezone: "America/New_York",
    businessHours: {
      mon: [{ start: "08:00", end: "12:00" }, { start: "13:00", end: "18:00" }],
      tue: [{ start: "08:00", end: "12:00" }, { start: "13:00", end: "18:00" }],
      wed: [{ start: "08:00", end: "12:00" }, { start: "13:00", end: "18:00" }],
      thu: [{ start: "08:00", end: "12:00" }, { start: "13:00", end: "18:00" }],
      fri: [{ start: "08:00", end: "14:00" }],
      sat: [],
      sun: [],
    },
    quietHours: { start: "21:00", end: "08:00" },
    number: { e164: "+12125550100", label: "Front desk", forwardTo: "+12125550199", ringTimeoutSeconds: 25, voicemailEnabled: false },
    staff: { name: "Dr. Maya Patel", mobile: "+12125550143", email: "maya@brightsmiles.test", notifySms: true, notifyEmail: true },
  },
} as const;

/** The demo agency's Messaging Service in the fake Twilio, whose A2P campaign is approved. */
export const DEMO_MESSAGING_SERVICE_SID = "MG0000000000000000000000000000de40";

export const defaultBookingSettings = { slotMinutes: 60, bufferMinutes: 15, daysAhead: 7, slotsOffered: 3, bookingUrl: null };
