// Small readers for the shapes the API returns (objects with names, or bare values).

export const STATUSES = [
  "draft",
  "submitted",
  "in_review",
  "shortlisted",
  "accepted",
  "piloting",
  "implemented",
  "rejected",
  "merged",
];

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
