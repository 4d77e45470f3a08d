import { db } from "../db/client";
import { fetchA2pCampaignStatus, listMessagingServices } from "./twilio-messaging";

/**
 * Which Twilio Messaging Service a client's texts go through, and its US A2P 10DLC campaign status.
 * US carriers filter texts from 10-digit numbers that no approved campaign covers; the campaign is
 * registered on a Messaging Service, so the client picks the service whose campaign covers it and
 * the app reads the status from Twilio (on choosing, and on refresh) and keeps what it last read.
 */

export async function messagingServices({ clientId }: { clientId: string }) {
  const [services, client] = await Promise.all([
    listMessagingServices(),
    db.client.findUniqueOrThrow({ where: { id: clientId }, select: { messagingServiceSid: true, a2pCampaignStatus: true, a2pCheckedAt: true } }),
  ]);
  return { chosen: client.messagingServiceSid, campaignStatus: client.a2pCampaignStatus, checkedAt: client.a2pCheckedAt, services };
}

/** Reads the campaign before saving anything, so a service Twilio does not have is refused with nothing changed. */
export async function chooseMessagingService({ clientId, messagingServiceSid, actorId }: { clientId: string; messagingServiceSid: string | null; actorId: string }) {
  const campaignStatus = messagingServiceSid ? await fetchA2pCampaignStatus(messagingServiceSid) : null;
  const client = await db.client.update({
    where: { id: clientId },
    data: { messagingServiceSid, a2pCampaignStatus: campaignStatus, a2pCheckedAt: messagingServiceSid ? new Date() : null },
    select: { messagingServiceSid: true, a2pCampaignStatus: true, a2pCheckedAt: true },
  });
  await db.auditEvent.create({
    data: { clientId, actorId, action: "client.settings.messagingService", targetType: "Client", targetId: clientId, data: { messagingServiceSid, campaignStatus } },
  });
  return { messagingServiceSid: client.messagingServiceSid, campaignStatus: client.a2pCampaignStatus, checkedAt: client.a2pCheckedAt };
}

/** Reads the chosen service's campaign status from Twilio again (a campaign's review takes days). */
export async function refreshA2pStatus({ clientId }: { clientId: string }) {
  const { messagingServiceSid } = await db.client.findUniqueOrThrow({ where: { id: clientId }, select: { messagingServiceSid: true } });
  if (!messagingServiceSid) return { messagingServiceSid: null, campaignStatus: null, checkedAt: null };
  const campaignStatus = await fetchA2pCampaignStatus(messagingServiceSid);
  const client = await db.client.update({
    where: { id: clientId },
    data: { a2pCampaignStatus: campaignStatus, a2pCheckedAt: new Date() },
    select: { messagingServiceSid: true, a2pCampaignStatus: true, a2pCheckedAt: true },
  });
  return { messagingServiceSid: client.messagingServiceSid, campaignStatus: client.a2pCampaignStatus, checkedAt: client.a2pCheckedAt };
}
