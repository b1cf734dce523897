// Small readers for the shapes the API returns (objects with names, or bare values), and the
// words for the values the API sends as codes (the same msgids as the server's model choices).

import { t } from "./i18n.js";

const STATUS_LABELS = {
  draft: "Draft",
  submitted: "Submitted",
  in_review: "In review",
  shortlisted: "Shortlisted",
  accepted: "Accepted",
  piloting: "Piloting",
  implemented: "Implemented",
  rejected: "Rejected",
  merged: "Merged",
  hidden: "Hidden by moderation",
};
export const STATUSES = Object.keys(STATUS_LABELS);

const PHASE_LABELS = {
  upcoming: "Upcoming",
  submission: "Submission",
  voting: "Voting",
  review: "Review",
  closed: "Closed",
};


const COMMENT_KIND_LABELS = {
  reviewer: "Reviewer feedback",
  official: "Official response",
};

function label(table, code) {
  return code in table ? t(table[code]) : String(code ?? "");
}

/** An idea's status in words. */
export const statusLabel = (status) => label(STATUS_LABELS, status);
/** A campaign's phase in words. */
export const phaseLabel = (phase) => label(PHASE_LABELS, phase);
// A region named as its own language names it: "Kecamatan Senen", "Senen District".
const REGION_NAMES = {
  kota: "{name} Administrative City",
  kabupaten: "{name} Administrative Regency",
  kecamatan: "{name} District",
  kelurahan: "{name} Sub-district",
};

/** A region's full name with its kind: "Kecamatan Senen", "Kota Administrasi Jakarta Pusat". */
export function regionName(region) {
  if (!region) return "";
  const template = REGION_NAMES[region.kind];
  return template ? t(template, { name: region.name }) : nameOf(region);
}
/** A comment's kind in words (reviewer feedback, official response). */
export const commentKindLabel = (kind) => label(COMMENT_KIND_LABELS, kind);

/** The display name of an agency, region, category or person; "" when absent. */
export function nameOf(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number") return String(value);
  return value.full_name || value.name || value.title || value.username || value.code || "";
}

/** A category is {slug, name}; older shapes may give the slug alone. */
export function categoryName(category) {
  if (!category) return "";
  if (typeof category === "string") return category;
  return category.name || category.slug || "";
}

/** What stands where the API hides a person or their agency from this reader (blind review). */
export const hiddenLabel = () => t("Hidden (blind review)");
