import type { AddressInfo } from "node:net";
import type { EngineOptions } from "./context";
import { LocalInngestEngine } from "./engine";
import { createHttpServer } from "./http-server";

export type { EngineOptions } from "./context";
export { LocalInngestEngine } from "./engine";

export interface LocalInngestOptions extends EngineOptions {
  /** Default 8288, where the Inngest dev server listens. 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Serve URLs to sync (PUT) at start and then every `syncIntervalMs`, like `inngest-cli dev -u`. */
  appUrls?: string[];
  /** How often to re-sync `appUrls`; it also notices an app that came back. Default 5 s; 0 = once. */
  syncIntervalMs?: number;
}

export interface LocalInngest {
  /** Base URL to give the SDK (`INNGEST_DEV` / `INNGEST_BASE_URL`), e.g. http://127.0.0.1:8288. */
  url: string;
  port: number;
  engine: LocalInngestEngine;
  /** Sync one app now, by URL (what `POST /control/apps/sync` does). */
  syncApp(url: string): ReturnType<LocalInngestEngine["syncApp"]>;
  close(): Promise<void>;
}

/** Starts the engine and its HTTP server. */
export async function startLocalInngest(options: LocalInngestOptions = {}): Promise<LocalInngest> {
  const engine = new LocalInngestEngine(options);
  const server = createHttpServer(engine);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8288, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  engine.ctx.log(`listening on ${url} (control API: ${url}/control/health)`);

  const interval = options.syncIntervalMs;
  const stopSync = keepAppsSynced(engine, options.appUrls ?? [], interval !== undefined && Number.isFinite(interval) && interval >= 0 ? interval : 5_000);

  return {
    url,
    port,
    engine,
    syncApp: (appUrl) => engine.syncApp(appUrl),
    async close() {
      stopSync();
      engine.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The dev server polls the apps it was given; so does this. The app may still be booting at
 * start, so failures are quiet until the first success, and a later success after an outage
 * makes calls that were waiting for the app go at once.
 */
function keepAppsSynced(engine: LocalInngestEngine, appUrls: string[], intervalMs: number): () => void {
  if (!appUrls.length) return () => {};
  const synced = new Set<string>();
  const failing = new Set<string>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const round = async () => {
    for (const appUrl of appUrls) {
      if (stopped) return;
      const outcome = await engine.syncApp(appUrl);
      const was = synced.has(appUrl) ? "ok" : failing.has(appUrl) ? "failing" : "new";
      if (outcome.ok) {
        if (was !== "ok") engine.ctx.log(`synced ${appUrl}`);
        synced.add(appUrl);
        failing.delete(appUrl);
      } else {
        if (was !== "failing") engine.ctx.log(`cannot sync ${appUrl} yet (${outcome.status ?? "no answer"}: ${outcome.message}); will keep trying`);
        synced.delete(appUrl);
        failing.add(appUrl);
      }
    }
    const allSynced = appUrls.every((appUrl) => synced.has(appUrl));
    const next = allSynced ? intervalMs : Math.min(intervalMs || 2_000, 2_000);
    if (!stopped && next > 0) {
      timer = setTimeout(() => void round(), next);
      timer.unref?.();
    }
  };
  void round();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
