// A business, its staff and a directory line as JSON answers and pages give them, built field by field.
import type { BusinessRow, StaffRow } from './businesses.queries.js';
import type { BusinessJson } from './businesses.schemas.js';

type NetworkName = { slug: string; name: string };

export function staffJson(row: StaffRow) {
  return { username: row.username, displayName: row.display_name, role: row.role, isAdmin: row.is_admin };
}

export function businessJson(business: BusinessRow, networks: NetworkName[], staff: StaffRow[]): BusinessJson {
  return {
    slug: business.slug,
    name: business.name,
    description: business.description,
    descriptionHtml: business.description_html,
    website: business.website,
    place: business.place,
    networks,
    staff: staff.map(staffJson),
    createdAt: business.created_at.toISOString(),
  };
}

/** What the edit form starts from: the page as stored, the networks as the slugs its boxes carry. */
export function formValues(business: BusinessJson) {
  return {
    name: business.name,
    slug: business.slug,
    description: business.description,
    website: business.website ?? '',
    place: business.place ?? '',
    networks: business.networks.map((network) => network.slug),
  };
}
