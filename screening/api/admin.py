# mypy: disable-error-code="untyped-decorator"
"""Accounts over the API, for administrators (SPEC section 6): users (create, change role, lock, unlock, a new
password) and bearer tokens (create, shown once; revoke). The same services as the admin pages; a change of
role, a lock or a new password ends the user's page sessions at once. The role is checked before the body is
read (`require_role` right under `route`): without an admin token nothing about the body is answered."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_smorest import Blueprint, abort
from marshmallow import fields, validate

from screening import services
from screening.api.auth import BEARER, current_principal, require_role
from screening.api.errors import ErrorSchema
from screening.api.language import _
from screening.services.accounts import MAX_USERNAME, MIN_PASSWORD, ROLES

blp = Blueprint(
    "admin", __name__, url_prefix="/api/v1/admin", description="Users and API tokens, for administrators"
)

ROLE = validate.OneOf(ROLES)


class StrictSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class UserSchema(ma.Schema):
    id = fields.Integer()
    username = fields.String()
    role = fields.String(metadata={"enum": list(ROLES)})
    state = fields.String(
        metadata={
            "enum": ["active", "locked", "locked_out"],
            "description": "locked: by an administrator; locked_out: after wrong passwords, until locked_until",
        }
    )
    created_at = fields.String()
    locked_until = fields.String(allow_none=True)


class UsersSchema(ma.Schema):
    items = fields.List(fields.Nested(UserSchema))


class NewUserSchema(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=MAX_USERNAME))
    role = fields.String(required=True, validate=ROLE)
    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=MIN_PASSWORD, max=1000),
        metadata={"description": f"At least {MIN_PASSWORD} characters"},
    )


class UserChangeSchema(StrictSchema):
    role = fields.String(validate=ROLE, metadata={"description": "A new role; the user's sessions end"})
    locked = fields.Boolean(
        metadata={"description": "true locks the account (its sessions end), false unlocks it"}
    )
    password = fields.String(
        load_only=True,
        validate=validate.Length(min=MIN_PASSWORD, max=1000),
        metadata={"description": f"A new password, at least {MIN_PASSWORD} characters; the sessions end"},
    )


class TokenSchema(ma.Schema):
    id = fields.String()
    name = fields.String()
    role = fields.String(metadata={"enum": list(ROLES)})
    created_at = fields.String()
    created_by = fields.String(allow_none=True)
    revoked_at = fields.String(allow_none=True)
    last_used_at = fields.String(allow_none=True)


class TokensSchema(ma.Schema):
    items = fields.List(fields.Nested(TokenSchema))


class NewTokenSchema(StrictSchema):
    role = fields.String(required=True, validate=ROLE)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))


class CreatedTokenSchema(TokenSchema):
    secret = fields.String(metadata={"description": "The bearer token; shown in this answer only"})


def _refused(*responses: tuple[int, str]) -> Any:
    """The answers every admin route may give besides its own."""

    def decorate(view: Any) -> Any:
        view = blp.alt_response(
            401, schema=ErrorSchema, description="No token, or an unknown or revoked one"
        )(view)
        view = blp.alt_response(403, schema=ErrorSchema, description="A token of another role")(view)
        for status, description in responses:
            view = blp.alt_response(status, schema=ErrorSchema, description=description)(view)
        return blp.doc(security=[BEARER])(view)

    return decorate


def _user_id(principal_actor: str) -> int | None:
    return int(principal_actor.removeprefix("user:")) if principal_actor.startswith("user:") else None


@blp.route("/users")
@require_role("admin")
@blp.response(200, UsersSchema)
@_refused()
def list_users() -> dict[str, Any]:
    """Users of the staff pages: id, user name, role, state."""
    return {"items": services.list_users()}


@blp.route("/users", methods=["POST"])
@require_role("admin")
@blp.arguments(NewUserSchema(), location="json")
@blp.response(201, UserSchema)
@_refused((409, "A user with that name exists"), (422, "A body that cannot be read"))
def create_user(body: dict[str, Any]) -> dict[str, Any]:
    """Create a user who can sign in to the pages with the given role and initial password."""
    from rules.errors import InputErrors

    try:
        return services.create_user(body["username"], body["password"], body["role"])
    except InputErrors as exc:
        if any(p.path == "username" for p in exc.problems):
            abort(409, message=_("There is already a user with that name."))
        raise


@blp.route("/users/<int:user_id>")
@require_role("admin")
@blp.response(200, UserSchema)
@_refused((404, "Unknown user"))
def get_user(user_id: int) -> dict[str, Any]:
    """One user."""
    return services.get_user(user_id)


@blp.route("/users/<int:user_id>", methods=["PATCH"])
@require_role("admin")
@blp.arguments(UserChangeSchema(), location="json")
@blp.response(200, UserSchema)
@_refused(
    (404, "Unknown user"),
    (409, "The change would leave no active administrator, or locks the caller's own account"),
    (422, "A body that cannot be read"),
)
def change_user(body: dict[str, Any], user_id: int) -> dict[str, Any]:
    """Change a user's role, lock or unlock the account, or give a new password: each ends the user's page
    sessions. The last active administrator keeps the role and cannot be locked."""
    user = services.get_user(user_id)
    try:
        if "role" in body:
            user = services.set_role(user_id, body["role"])
        if body.get("locked") is True:
            user = services.lock_user(user_id, by=_user_id(current_principal().actor))
        elif body.get("locked") is False:
            user = services.unlock_user(user_id)
        if "password" in body:
            user = services.reset_password(user_id, body["password"])
    except services.LastAdmin as exc:
        what = _("lock") if exc.what == "lock" else _("role change")
        abort(409, message=_("Refused (%(what)s): it would leave no active administrator.", what=what))
    return user


@blp.route("/tokens")
@require_role("admin")
@blp.response(200, TokensSchema)
@_refused()
def list_tokens() -> dict[str, Any]:
    """Bearer tokens: id, name, role, who created it, created, last used, revoked (never the secret)."""
    return {"items": services.list_tokens()}


@blp.route("/tokens", methods=["POST"])
@require_role("admin")
@blp.arguments(NewTokenSchema(), location="json")
@blp.response(201, CreatedTokenSchema)
@_refused((422, "A body that cannot be read"))
def create_token(body: dict[str, Any]) -> dict[str, Any]:
    """Create a token with one role; its secret is in this answer and never again."""
    token, secret = services.create_token(body["role"], body["name"], created_by=current_principal().actor)
    return {**token, "secret": secret}


@blp.route("/tokens/<token_id>/revoke", methods=["POST"])
@require_role("admin")
@blp.response(200, TokenSchema)
@_refused((404, "Unknown token"))
def revoke_token(token_id: str) -> dict[str, Any]:
    """Revoke a token: it stops working at once in this process, within seconds in the others."""
    return services.revoke_token(token_id)
