// The campaign a page shows (the leaderboard, the panel): chosen by ?campaign= in the URL,
// offered in a select with its phase, and written back to the URL.

import { fillSelect } from "./dom.js";
import { phaseLabel } from "./labels.js";

/** The campaign id the URL asks for (?campaign=), or NaN. */
export function askedCampaign() {
  return Number.parseInt(new URLSearchParams(window.location.search).get("campaign") || "", 10);
}

/** Put the shown campaign in the URL, without a new history entry. */
export function writeCampaignToUrl(campaignId) {
  const params = new URLSearchParams(window.location.search);
  params.set("campaign", String(campaignId));
  const url = `${window.location.pathname}?${params}`;
  if (url !== window.location.pathname + window.location.search) {
    window.history.replaceState(null, "", url);
  }
}

/** The campaign select: each campaign's title and phase, the shown one selected. */
export function fillCampaignSelect(select, campaigns, campaignId) {
  fillSelect(
    select,
    campaigns.map((c) => ({
      value: String(c.id),
      label: c.phase ? `${c.title} (${phaseLabel(c.phase)})` : c.title,
    })),
    { value: campaignId === null ? "" : String(campaignId) },
  );
}
