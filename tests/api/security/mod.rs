//! The threat list: one file per threat, each naming what an attacker tries and what
//! stops it. ADR 0014 (history/adr/0014-threat-model.md) says what we defend against and
//! what we accept.
//!
//! | threat | file |
//! |---|---|
//! | forged access tokens (algorithm confusion, smuggled keys) | `token_forgery` |
//! | hostile text (SQL, markup, bidi) in every string field | `hostile_text` |
//! | quadratic work from long lists and repeated parameters | `quadratic_input` |
//! | storage filled by unauthenticated requests | `storage_growth` |
//! | password guessing, in parallel, on several nodes, with a stolen token | `password_guessing` |
//! | sessions and reset links outliving a password change | `stale_credentials` |
//! | a client choosing its own address behind proxies | `proxy_headers` |
//! | values accepted but not storable (5xx from input) | `out_of_range`, unit proptests |
//! | slow or idle clients holding connections, too many connections | `slow_clients` |
//! | reset links (account takeover) in the log | `binary::binary_lifecycle` |
//! | a stranger's writes at a list's ids holding up its members' writes (row locks) | `stranger_locks` |

mod hostile_text;
mod out_of_range;
mod password_guessing;
mod proxy_headers;
mod quadratic_input;
mod slow_clients;
mod stale_credentials;
mod storage_growth;
mod stranger_locks;
mod token_forgery;
