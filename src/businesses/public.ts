// What other features use of businesses: the business an author is shown with.
export { businessLinesOf, type BusinessLine } from './businesses.queries.js';
