/**
 * Headless Chromium for the browser suite: Debian's `chromium` package (or the binary
 * `EOSIM_CHROMIUM` names), driven by playwright-core through `executablePath`, never a
 * downloaded browser. Without it the suite is skipped with a one-line reason, unless
 * `EOSIM_REQUIRE_BROWSER=1` (set by .ci/run) makes that a failure.
 */
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";

/** Where the suite looks for Chromium. */
export const chromiumPath = process.env.EOSIM_CHROMIUM ?? "/usr/bin/chromium";

/** Whether a missing Chromium fails the suite instead of skipping it. */
export const browserRequired = process.env.EOSIM_REQUIRE_BROWSER === "1";

/** Whether Chromium is there to run. */
export function chromiumFound(): boolean {
  try {
    accessSync(chromiumPath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why the suite does not run, in one line. */
export const skipReason = `no Chromium at ${chromiumPath} (install Debian's chromium package or set EOSIM_CHROMIUM)`;

// Offline and quiet: no update checks, no sync, no QUIC probes, nothing that reaches a network.
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A browser on a fresh, empty profile; `close` also removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "eosim-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args, headless: true, viewport: { width: 1500, height: 1000 } });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
