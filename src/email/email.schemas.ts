import { Type } from 'typebox';
import { OneOf } from '../core/schemas.js';

/** The choice on /me; other fields are dropped by the validator. */
export const emailBody = Type.Object({ emailNotifications: OneOf(['none', 'instant', 'daily']) }, { additionalProperties: false });

export const tokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
