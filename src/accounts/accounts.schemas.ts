// Input shapes of the account forms. Unknown fields are dropped by the validator, never stored.
// Checked on the NFKC form the name is stored in (core/http.ts normalises it before validation).
// Letters, digits, _ and -, but not the Hangul fillers: letters by Unicode's categories, blank on screen.
export const USERNAME_PATTERN = '^(?:(?![\\u115F\\u1160\\u3164\\uFFA0])[\\p{L}\\p{N}_-])+$';

const username = { type: 'string', minLength: 3, maxLength: 30, pattern: USERNAME_PATTERN } as const;
const password = { type: 'string', minLength: 10, maxLength: 256 } as const;

export const registerBody = {
  type: 'object',
  required: ['username', 'displayName', 'email', 'password'],
  properties: {
    username,
    displayName: { type: 'string', minLength: 1, maxLength: 60 },
    email: { type: 'string', maxLength: 254, format: 'email' },
    password,
  },
} as const;

export const loginBody = {
  type: 'object',
  required: ['login', 'password'],
  properties: {
    login: { type: 'string', minLength: 1, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 256 },
    next: { type: 'string', maxLength: 2000 },
  },
} as const;

export const loginQuery = {
  type: 'object',
  properties: { next: { type: 'string', maxLength: 2000 } },
} as const;

export const changePasswordBody = {
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 256 }, newPassword: password },
} as const;

export interface RegisterBody {
  username: string;
  displayName: string;
  email: string;
  password: string;
}
export interface LoginBody {
  login: string;
  password: string;
  next?: string;
}
export interface ChangePasswordBody {
  currentPassword: string;
  newPassword: string;
}
