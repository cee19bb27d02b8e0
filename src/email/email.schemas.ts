import type { EmailFrequency } from '../db/schema.js';

export const emailBody = {
  type: 'object',
  required: ['emailNotifications'],
  properties: { emailNotifications: { type: 'string', enum: ['none', 'instant', 'daily'] } },
} as const;

export const tokenParams = { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 100 } } } as const;

export interface EmailBody {
  emailNotifications: EmailFrequency;
}
export interface TokenParams {
  token: string;
}
