//! JWT access tokens (HS256): issued at the token endpoint, checked on every request.

use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::Role;

/// Who is calling: a valid access token whose session is still active. `role` is the
/// account's current role, read with the session, not the one the token was issued with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthContext {
    pub user_id: Uuid,
    pub role: Role,
    pub session_id: Uuid,
}

/// What a verified access token says (before its session is checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessClaims {
    pub user_id: Uuid,
    pub role: Role,
    pub session_id: Uuid,
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
}

pub struct TokenService {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    ttl: Duration,
}

impl TokenService {
    pub fn new(secret: &[u8], issuer: &str, audience: &str, ttl: Duration) -> TokenService {
        // Only HS256 is accepted: a token whose header names another algorithm (including
        // `none`) is rejected before its signature is looked at.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        TokenService {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
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
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok(AccessToken {
            token,
            expires_in: (iat + ttl - Utc::now().timestamp()).clamp(0, ttl),
        })
    }

    pub fn verify(&self, token: &str) -> Result<AccessClaims, TokenError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)?;
        let role = Role::parse(&data.claims.role).ok_or(TokenError::UnknownRole)?;
        Ok(AccessClaims {
            user_id: data.claims.sub,
            role,
            session_id: data.claims.sid,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(secret: &[u8]) -> TokenService {
        TokenService::new(secret, "todo-api", "todo-api", Duration::from_secs(900))
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
        let other_iss = TokenService::new(&[7; 32], "other", "todo-api", Duration::from_secs(900));
        assert!(other_iss.verify(&t.token).is_err());
        let other_aud = TokenService::new(&[7; 32], "todo-api", "other", Duration::from_secs(900));
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
                prop_assert_eq!(
                    s.verify(&t.token).unwrap(),
                    AccessClaims { user_id: user, role, session_id: session }
                );
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
