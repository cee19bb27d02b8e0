// What other features use of search: the language a post is written in, detected when it is written
// or edited (threads), and kept beside it so the database indexes it in that language.
export { detectPostLanguage } from './language.js';
