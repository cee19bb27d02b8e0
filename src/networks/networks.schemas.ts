export const networkSlugParam = {
  type: 'object',
  required: ['network'],
  properties: { network: { type: 'string', maxLength: 40 } },
} as const;

const name = { type: 'string', minLength: 2, maxLength: 80 } as const;
const description = { type: 'string', maxLength: 2000 } as const;

export const createNetworkBody = {
  type: 'object',
  required: ['slug', 'name'],
  properties: { slug: { type: 'string', minLength: 2, maxLength: 40, pattern: '^[a-z0-9-]+$' }, name, description },
} as const;

export const editNetworkBody = {
  type: 'object',
  required: ['name'],
  properties: { name, description },
} as const;

export const boardQuery = {
  type: 'object',
  properties: { before: { type: 'string', maxLength: 100 } },
} as const;

export interface NetworkParams {
  network: string;
}
export interface CreateNetworkBody {
  slug: string;
  name: string;
  description?: string;
}
export interface EditNetworkBody {
  name: string;
  description?: string;
}
