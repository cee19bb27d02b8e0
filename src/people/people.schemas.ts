export const personParams = { type: 'object', required: ['username'], properties: { username: { type: 'string', minLength: 1, maxLength: 60 } } } as const;

export interface PersonParams {
  username: string;
}
