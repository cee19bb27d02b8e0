// The cluster helper lives with the benches (bench:outage rehearses the same outages under load), so
// that a bench never imports test code; tests import it from here as before.
export { startOwnPostgres, type OwnPostgres } from '../../bench/own-postgres.js';
