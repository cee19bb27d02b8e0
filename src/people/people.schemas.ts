import { Type } from 'typebox';

export const personParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 60 }) });

/** A person's page as scripts get it. */
export const personJson = Type.Object({ username: Type.String(), displayName: Type.String(), memberSince: Type.String() });
