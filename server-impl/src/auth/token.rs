//! JWT access tokens (HS256): issued at the token endpoint, checked on every request.
//! Signed with the current key and naming it in the header's `kid`; verified with the key
//! the `kid` names, or (tokens issued before keys had ids) with each configured key.

use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::keys::KeyRing;
use crate::domain::Role;

/// Who is calling: a valid access token whose session is still active. `role` is the
/// account's current role, read with the session, not the one the token was issued with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthContext {
    pub user_id: Uuid,
    pub role: Role,
    pub session_id: Uuid,
    /// When the access token expires (its `exp`, Unix seconds): an event stream ends then.
    pub expires_at: i64,
}

/// What a verified access token says (before its session is checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessClaims {
    pub user_id: Uuid,
    pub role: Role,
    pub session_id: Uuid,
    /// `exp`, Unix seconds.
    pub expires_at: i64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    exp: i64,
    iat: i64,
    iss: String,
    aud: String,
    jti: Uuid,
    sid: Uuid,
    role: String,
}

/// What a check reads of a token's claims: `iat`, `iss` and `aud` are checked by the
/// `Validation` on the way, `jti` is not needed, and nothing is copied into a `String`
/// (a check runs on every request).
#[derive(Deserialize)]
struct Checked {
    sub: Uuid,
    exp: i64,
    sid: Uuid,
    /// `None`: a role this server does not know.
    #[serde(deserialize_with = "role_name")]
    role: Option<Role>,
}

fn role_name<'de, D: serde::Deserializer<'de>>(names: D) -> Result<Option<Role>, D::Error> {
    struct Name;
    impl serde::de::Visitor<'_> for Name {
        type Value = Option<Role>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a role name")
        }
        fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Option<Role>, E> {
            Ok(Role::parse(name))
        }
    }
    names.deserialize_str(Name)
}

#[derive(Debug)]
pub struct AccessToken {
    pub token: String,
    pub expires_in: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("invalid access token: {0}")]
    Invalid(#[from] jsonwebtoken::errors::Error),
    #[error("access token has an unknown role")]
    UnknownRole,
    #[error("access token was signed with a key that is not configured")]
    UnknownKey,
}

pub struct TokenService {
    encoding: EncodingKey,
    /// The current key's id, put in every issued token's header.
    kid: String,
    /// Every configured key (current first) and its id.
    decoding: Vec<(String, DecodingKey)>,
    validation: Validation,
    issuer: String,
    audience: String,
    ttl: Duration,
}

impl TokenService {
    pub fn new(keys: &KeyRing, issuer: &str, audience: &str, ttl: Duration) -> TokenService {
        super::jwt_crypto::install();
        // Only HS256 is accepted: a token whose header names another algorithm (including
        // `none`) is rejected before its signature is looked at.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        // jsonwebtoken refuses only an empty secret; configured ones have at least
        // MIN_SECRET_BYTES (secrets.rs).
        const NOT_EMPTY: &str = "signing keys are never empty";
        TokenService {
            encoding: EncodingKey::from_secret(keys.current().secret()).expect(NOT_EMPTY),
            kid: keys.current().kid().to_owned(),
            decoding: keys
                .all()
                .iter()
                .map(|k| {
                    (
                        k.kid().to_owned(),
                        DecodingKey::from_secret(k.secret()).expect(NOT_EMPTY),
                    )
                })
                .collect(),
            validation,
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            ttl,
        }
    }

    pub fn issue(
        &self,
        user_id: Uuid,
        role: Role,
        session_id: Uuid,
    ) -> Result<AccessToken, TokenError> {
        self.issue_at(user_id, role, session_id, Utc::now(), Uuid::new_v4())
    }

    /// A token issued at `issued_at` with id `jti`: the same arguments make the same
    /// token (HS256 is deterministic), which is how a retried refresh gets the same pair.
    pub fn issue_at(
        &self,
        user_id: Uuid,
        role: Role,
        session_id: Uuid,
        issued_at: chrono::DateTime<Utc>,
        jti: Uuid,
    ) -> Result<AccessToken, TokenError> {
        let iat = issued_at.timestamp();
        let ttl = i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX / 2);
        let claims = Claims {
            sub: user_id,
            exp: iat + ttl,
            iat,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            jti,
            sid: session_id,
            role: role.as_str().to_owned(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        let token = jsonwebtoken::encode(&header, &claims, &self.encoding)?;
        Ok(AccessToken {
            token,
            expires_in: (iat + ttl - Utc::now().timestamp()).clamp(0, ttl),
        })
    }

    pub fn verify(&self, token: &str) -> Result<AccessClaims, TokenError> {
        let data = match self.decoding.as_slice() {
            // One key: the header is read once (by `decode`), its `kid` compared after,
            // and read again only to say why a token failed.
            [(kid, key)] => {
                let names_another = |header: &Header| header.kid.as_ref().is_some_and(|k| k != kid);
                let data = jsonwebtoken::decode::<Checked>(token, key, &self.validation).map_err(
                    |error| match jsonwebtoken::decode_header(token) {
                        Ok(header) if names_another(&header) => TokenError::UnknownKey,
                        _ => TokenError::Invalid(error),
                    },
                )?;
                if names_another(&data.header) {
                    return Err(TokenError::UnknownKey);
                }
                data
            }
            keys => match jsonwebtoken::decode_header(token)?.kid {
                Some(kid) => {
                    let (_, key) = keys
                        .iter()
                        .find(|(id, _)| *id == kid)
                        .ok_or(TokenError::UnknownKey)?;
                    jsonwebtoken::decode::<Checked>(token, key, &self.validation)?
                }
                // Issued before tokens named their key: each key is tried, the current first.
                None => {
                    let mut result = Err(TokenError::UnknownKey);
                    for (_, key) in keys {
                        result = jsonwebtoken::decode::<Checked>(token, key, &self.validation)
                            .map_err(TokenError::from);
                        if result.is_ok() {
                            break;
                        }
                    }
                    result?
                }
            },
        };
        let role = data.claims.role.ok_or(TokenError::UnknownRole)?;
        Ok(AccessClaims {
            user_id: data.claims.sub,
            role,
            session_id: data.claims.sid,
            expires_at: data.claims.exp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(secret: &[u8]) -> TokenService {
        TokenService::new(
            &KeyRing::single(secret),
            "todo-api",
            "todo-api",
            Duration::from_secs(900),
        )
    }

    fn ring(current: &[u8], previous: &[&[u8]]) -> TokenService {
        let previous: Vec<Vec<u8>> = previous.iter().map(|k| k.to_vec()).collect();
        TokenService::new(
            &KeyRing::new(current, &previous),
            "todo-api",
            "todo-api",
            Duration::from_secs(900),
        )
    }

    /// A token like those issued before keys had ids: the same claims, no `kid`.
    fn without_kid(secret: &[u8], user: Uuid, session: Uuid) -> String {
        naming(None, secret, user, session)
    }

    /// A token signed with `secret` whose header names `kid`.
    fn naming(kid: Option<String>, secret: &[u8], user: Uuid, session: Uuid) -> String {
        crate::auth::jwt_crypto::install();
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user,
            exp: now + 900,
            iat: now,
            iss: "todo-api".into(),
            aud: "todo-api".into(),
            jti: Uuid::new_v4(),
            sid: session,
            role: "user".into(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = kid;
        jsonwebtoken::encode(&header, &claims, &EncodingKey::from_secret(secret).unwrap()).unwrap()
    }

    #[test]
    fn with_one_key_a_token_naming_another_is_refused_even_when_signed_by_it() {
        // Checked with the only key before its header is looked at; the `kid` still counts.
        let (user, session) = (Uuid::now_v7(), Uuid::now_v7());
        let one = service(&[1; 32]);
        let other = Some(super::super::keys::key_id(&[2; 32]));
        assert!(matches!(
            one.verify(&naming(other, &[1; 32], user, session)),
            Err(TokenError::UnknownKey)
        ));
        let own = Some(super::super::keys::key_id(&[1; 32]));
        assert_eq!(
            one.verify(&naming(own, &[1; 32], user, session))
                .unwrap()
                .user_id,
            user
        );
    }

    #[test]
    fn issued_tokens_name_the_current_key() {
        let t = ring(&[2; 32], &[&[1; 32]])
            .issue(Uuid::now_v7(), Role::User, Uuid::now_v7())
            .unwrap();
        let header = jsonwebtoken::decode_header(&t.token).unwrap();
        assert_eq!(
            header.kid.as_deref(),
            Some(&*super::super::keys::key_id(&[2; 32]))
        );
    }

    #[test]
    fn rotation_keeps_old_tokens_until_their_key_is_removed() {
        let (user, session) = (Uuid::now_v7(), Uuid::now_v7());
        let old = service(&[1; 32])
            .issue(user, Role::User, session)
            .unwrap()
            .token;
        let legacy = without_kid(&[1; 32], user, session);
        let rotated = ring(&[2; 32], &[&[1; 32]]);
        for token in [&old, &legacy] {
            assert_eq!(rotated.verify(token).unwrap().user_id, user);
        }
        let new = rotated.issue(user, Role::User, session).unwrap().token;
        assert!(rotated.verify(&new).is_ok());
        // A node not yet rotated does not know the new key.
        assert!(matches!(
            service(&[1; 32]).verify(&new),
            Err(TokenError::UnknownKey)
        ));
        let removed = service(&[2; 32]);
        assert!(matches!(removed.verify(&old), Err(TokenError::UnknownKey)));
        assert!(removed.verify(&legacy).is_err());
        assert!(removed.verify(&new).is_ok());
    }

    #[test]
    fn a_kid_naming_one_key_is_not_checked_against_another() {
        // Signed with key 1 but claiming key 2's id: only key 2 is tried, so it fails.
        let (user, session) = (Uuid::now_v7(), Uuid::now_v7());
        let legacy = without_kid(&[1; 32], user, session);
        let (_, rest) = legacy.split_once('.').unwrap();
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(super::super::keys::key_id(&[2; 32]));
        let header = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            serde_json::to_vec(&header).unwrap(),
        );
        let forged = format!("{header}.{rest}");
        assert!(ring(&[2; 32], &[&[1; 32]]).verify(&forged).is_err());
    }

    /// The bytes of an issued token are pinned: clients and other nodes (and tokens issued
    /// before a dependency change) see the same header, claims and signature.
    #[test]
    fn issued_token_bytes_are_pinned() {
        let issued_at = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
        let t = service(&[7; 32])
            .issue_at(
                Uuid::from_u128(1),
                Role::User,
                Uuid::from_u128(2),
                issued_at,
                Uuid::from_u128(3),
            )
            .unwrap();
        // Checked independently: HMAC-SHA256 over the first two parts with key [7; 32].
        assert_eq!(
            t.token,
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiIsImtpZCI6IlM3QnZqazQ2ZHhVIn0.\
             eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEiLCJleHAiOjE3NjcyMjY1MDAsImlhdCI6MTc2NzIyNTYwMCwiaXNzIjoidG9kby1hcGkiLCJhdWQiOiJ0b2RvLWFwaSIsImp0aSI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMyIsInNpZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMiIsInJvbGUiOiJ1c2VyIn0.\
             adsKeMvKi1-uMku9dAjOy10S6974vU7yJ_cvfGpDuk8"
        );
    }

    #[test]
    fn issued_token_verifies_and_carries_identity() {
        let s = service(&[7; 32]);
        let (user, session) = (Uuid::now_v7(), Uuid::now_v7());
        let t = s.issue(user, Role::Admin, session).unwrap();
        assert_eq!(t.expires_in, 900);
        let claims = s.verify(&t.token).unwrap();
        assert_eq!(
            (claims.user_id, claims.role, claims.session_id),
            (user, Role::Admin, session)
        );
    }

    #[test]
    fn other_secret_issuer_or_audience_is_rejected() {
        let t = service(&[7; 32])
            .issue(Uuid::now_v7(), Role::User, Uuid::now_v7())
            .unwrap();
        assert!(service(&[8; 32]).verify(&t.token).is_err());
        let keys = KeyRing::single(&[7; 32]);
        let other_iss = TokenService::new(&keys, "other", "todo-api", Duration::from_secs(900));
        assert!(other_iss.verify(&t.token).is_err());
        let other_aud = TokenService::new(&keys, "todo-api", "other", Duration::from_secs(900));
        assert!(other_aud.verify(&t.token).is_err());
    }

    mod prop {
        use super::*;
        use crate::prop_support::any_text;
        use proptest::prelude::*;

        fn uuid() -> impl Strategy<Value = Uuid> {
            any::<u128>().prop_map(Uuid::from_u128)
        }

        fn role() -> impl Strategy<Value = Role> {
            prop_oneof![Just(Role::User), Just(Role::Admin)]
        }

        /// Any text, and strings shaped like JWTs (three base64url parts, or more, or fewer).
        fn token_like() -> impl Strategy<Value = String> {
            prop_oneof![
                any_text(),
                "[A-Za-z0-9_-]{0,60}(\\.[A-Za-z0-9_=-]{0,60}){0,4}",
                // A real header ({"alg":"HS256","typ":"JWT"}) or `none`, then anything.
                "(eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9|eyJhbGciOiJub25lIn0)\\.[A-Za-z0-9_-]{0,120}\\.[A-Za-z0-9_-]{0,60}",
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            #[test]
            fn arbitrary_strings_are_rejected(token in token_like()) {
                prop_assert!(service(&[7; 32]).verify(&token).is_err());
            }

            #[test]
            fn issued_tokens_carry_their_identity(user in uuid(), role in role(), session in uuid()) {
                let s = service(&[7; 32]);
                let t = s.issue(user, role, session).unwrap();
                let claims = s.verify(&t.token).unwrap();
                prop_assert_eq!(
                    &claims,
                    &AccessClaims { user_id: user, role, session_id: session, expires_at: claims.expires_at }
                );
                let left = claims.expires_at - Utc::now().timestamp();
                prop_assert!((890..=900).contains(&left), "{}", left);
            }

            #[test]
            fn any_changed_character_is_rejected(
                user in uuid(),
                role in role(),
                session in uuid(),
                at in any::<proptest::sample::Index>(),
                with in prop_oneof![
                    3 => proptest::char::ranges(vec!['A'..='Z', 'a'..='z', '0'..='9', '-'..='.', '_'..='_'].into()),
                    1 => any::<char>(),
                ],
            ) {
                let s = service(&[7; 32]);
                let token = s.issue(user, role, session).unwrap().token;
                let mut chars: Vec<char> = token.chars().collect();
                let i = at.index(chars.len());
                prop_assume!(chars[i] != with);
                chars[i] = with;
                let tampered: String = chars.into_iter().collect();
                match s.verify(&tampered) {
                    Err(_) => {}
                    Ok(claims) => prop_assert!(
                        false,
                        "{} accepted as {:?} (issued for {}, {:?}, {})",
                        tampered, claims, user, role, session
                    ),
                }
            }

            #[test]
            fn cut_or_extended_tokens_are_rejected(
                user in uuid(),
                session in uuid(),
                cut in any::<proptest::sample::Index>(),
                tail in "[A-Za-z0-9_.-]{1,8}",
            ) {
                let s = service(&[7; 32]);
                let token = s.issue(user, Role::User, session).unwrap().token;
                prop_assert!(s.verify(&token[..cut.index(token.len())]).is_err());
                let longer = format!("{token}{tail}");
                prop_assert!(s.verify(&longer).is_err());
            }
        }
    }
}
