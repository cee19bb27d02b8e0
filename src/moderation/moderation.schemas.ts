/** A reason as hiding and flagging take it: a kind, the rule's number for `rule`, a note for `other`. */
export const reasonBody = {
  type: 'object',
  required: ['reason'],
  properties: {
    reason: { type: 'string', enum: ['off-topic', 'rule', 'spam', 'other'] },
    rule: { type: 'integer', minimum: 1, maximum: 20 },
    note: { type: 'string', maxLength: 500 },
  },
  allOf: [
    { if: { properties: { reason: { const: 'rule' } } }, then: { required: ['rule'] } },
    { if: { properties: { reason: { const: 'other' } } }, then: { required: ['note'] } },
  ],
} as const;

export const usernameBody = {
  type: 'object',
  required: ['username'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 60 } },
} as const;

export const convenerParams = {
  type: 'object',
  required: ['network', 'username'],
  properties: { network: { type: 'string', maxLength: 40 }, username: { type: 'string', maxLength: 60 } },
} as const;
