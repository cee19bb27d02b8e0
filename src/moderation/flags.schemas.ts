/** An admin's flag threshold: 1–50 flaggers; left out (or sent empty) to follow the network's size again. */
export const thresholdBody = {
  type: 'object',
  properties: { threshold: { type: 'integer', minimum: 1, maximum: 50 } },
} as const;

export interface ThresholdBody {
  threshold?: number;
}

/** `before`: the review queue continues after the page whose last post's latest flag had this id. */
export const reviewQuery = {
  type: 'object',
  properties: { before: { type: 'integer', minimum: 1, maximum: 2147483647 } },
} as const;

export interface ReviewQuery {
  before?: number;
}
