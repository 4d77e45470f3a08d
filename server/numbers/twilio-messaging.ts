import { createTwilioClient } from "../messaging/default-transport";
import { twilioCall } from "./twilio-numbers";

/**
 * The app's side of Twilio's Messaging Services API (messaging.twilio.com/v1): the account's
 * services, and a service's US A2P 10DLC campaign (Compliance/Usa2p), whose status decides whether
 * US carriers filter the texts sent through it. Real Twilio with credentials, the fake without.
 */

/** A campaign's status as Twilio reports it (VERIFIED is approved), or NONE when none is registered. */
export type A2pCampaignStatus = string;
export const A2P_APPROVED = "VERIFIED";
export const A2P_NONE = "NONE";

export async function listMessagingServices(client = createTwilioClient()) {
  const services = await twilioCall(() => client.messaging.v1.services.list({ limit: 200 }));
  return services.map((s) => ({ sid: s.sid, friendlyName: s.friendlyName, a2pRegistered: s.usAppToPersonRegistered }));
}

/** The service's A2P campaign status: the one campaign a Messaging Service can carry, or NONE. */
export async function fetchA2pCampaignStatus(serviceSid: string, client = createTwilioClient()): Promise<A2pCampaignStatus> {
  const words = { 20404: `Twilio has no Messaging Service ${serviceSid} on this account (deleted, or in another account). Pick one from the list.` };
  const campaigns = await twilioCall(() => client.messaging.v1.services(serviceSid).usAppToPerson.list({ limit: 20 }), words);
  return campaigns[0]?.campaignStatus ?? A2P_NONE;
}
