//! Typed requests for lists, members and invitations (one method per operation of the
//! contract, named after its operationId), on any node: `app.create_list(..)` on a
//! `TestApp` (which derefs to its node) or `node.create_list(..)` on another node.

use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};

use super::Node;
use super::client::{Answer, User};

async fn answer(request: RequestBuilder) -> Answer {
    Answer::read(request.send().await.unwrap()).await
}

fn with_query(path: String, query: &str) -> String {
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

#[allow(dead_code)] // the whole surface, whether or not each test uses every method
impl Node {
    /// `listLists`
    pub async fn list_lists(&self, token: &str, query: &str) -> Answer {
        let path = with_query("/lists".to_owned(), query);
        answer(self.api.request(Method::GET, &path, Some(token))).await
    }

    /// `createList`
    pub async fn create_list(&self, token: &str, body: &Value) -> Answer {
        answer(
            self.api
                .request(Method::POST, "/lists", Some(token))
                .json(body),
        )
        .await
    }

    /// `createList` that must succeed: the list.
    pub async fn created_list(&self, token: &str, name: &str) -> Value {
        self.create_list(token, &json!({"name": name}))
            .await
            .expect(StatusCode::CREATED)
    }

    /// `getList`, with an optional `If-None-Match`.
    pub async fn get_list(
        &self,
        token: &str,
        list_id: &str,
        if_none_match: Option<&str>,
    ) -> Answer {
        let mut rb = self
            .api
            .request(Method::GET, &format!("/lists/{list_id}"), Some(token));
        if let Some(tag) = if_none_match {
            rb = rb.header("if-none-match", tag);
        }
        answer(rb).await
    }

    /// `updateList`, with an optional `If-Match`.
    pub async fn update_list(
        &self,
        token: &str,
        list_id: &str,
        body: &Value,
        if_match: Option<&str>,
    ) -> Answer {
        let mut rb = self
            .api
            .request(Method::PATCH, &format!("/lists/{list_id}"), Some(token))
            .json(body);
        if let Some(tag) = if_match {
            rb = rb.header("if-match", tag);
        }
        answer(rb).await
    }

    /// `deleteList`, with a query (e.g. `delete_todos=true`) and an optional `If-Match`.
    pub async fn delete_list(
        &self,
        token: &str,
        list_id: &str,
        query: &str,
        if_match: Option<&str>,
    ) -> Answer {
        let path = with_query(format!("/lists/{list_id}"), query);
        let mut rb = self.api.request(Method::DELETE, &path, Some(token));
        if let Some(tag) = if_match {
            rb = rb.header("if-match", tag);
        }
        answer(rb).await
    }

    /// `moveList`
    pub async fn move_list(&self, token: &str, list_id: &str, body: &Value) -> Answer {
        let path = format!("/lists/{list_id}/move");
        answer(
            self.api
                .request(Method::POST, &path, Some(token))
                .json(body),
        )
        .await
    }

    /// `listMembers`
    pub async fn list_members(&self, token: &str, list_id: &str, query: &str) -> Answer {
        let path = with_query(format!("/lists/{list_id}/members"), query);
        answer(self.api.request(Method::GET, &path, Some(token))).await
    }

    /// `updateMember`
    pub async fn update_member(
        &self,
        token: &str,
        list_id: &str,
        user_id: &str,
        body: &Value,
    ) -> Answer {
        let path = format!("/lists/{list_id}/members/{user_id}");
        answer(
            self.api
                .request(Method::PATCH, &path, Some(token))
                .json(body),
        )
        .await
    }

    /// `removeMember`
    pub async fn remove_member(&self, token: &str, list_id: &str, user_id: &str) -> Answer {
        let path = format!("/lists/{list_id}/members/{user_id}");
        answer(self.api.request(Method::DELETE, &path, Some(token))).await
    }

    /// `listListInvitations`
    pub async fn list_list_invitations(&self, token: &str, list_id: &str, query: &str) -> Answer {
        let path = with_query(format!("/lists/{list_id}/invitations"), query);
        answer(self.api.request(Method::GET, &path, Some(token))).await
    }

    /// `createInvitation`
    pub async fn create_invitation(&self, token: &str, list_id: &str, body: &Value) -> Answer {
        let path = format!("/lists/{list_id}/invitations");
        answer(
            self.api
                .request(Method::POST, &path, Some(token))
                .json(body),
        )
        .await
    }

    /// `revokeInvitation`
    pub async fn revoke_invitation(
        &self,
        token: &str,
        list_id: &str,
        invitation_id: &str,
    ) -> Answer {
        let path = format!("/lists/{list_id}/invitations/{invitation_id}");
        answer(self.api.request(Method::DELETE, &path, Some(token))).await
    }

    /// `listInvitations`
    pub async fn list_invitations(&self, token: &str, query: &str) -> Answer {
        let path = with_query("/invitations".to_owned(), query);
        answer(self.api.request(Method::GET, &path, Some(token))).await
    }

    /// `acceptInvitation`
    pub async fn accept_invitation(&self, token: &str, invitation_id: &str) -> Answer {
        let path = format!("/invitations/{invitation_id}/accept");
        answer(self.api.request(Method::POST, &path, Some(token))).await
    }

    /// `declineInvitation`
    pub async fn decline_invitation(&self, token: &str, invitation_id: &str) -> Answer {
        let path = format!("/invitations/{invitation_id}/decline");
        answer(self.api.request(Method::POST, &path, Some(token))).await
    }

    /// Makes `member` a member of `owner`'s list with `role` (invite, then accept): the
    /// list as the member sees it.
    pub async fn share(&self, owner: &User, list_id: &str, member: &User, role: &str) -> Value {
        let invitation = self
            .create_invitation(
                &owner.token,
                list_id,
                &json!({"email": member.email, "role": role}),
            )
            .await
            .expect(StatusCode::CREATED);
        self.accept_invitation(&member.token, invitation["id"].as_str().unwrap())
            .await
            .expect(StatusCode::OK)
    }
}
