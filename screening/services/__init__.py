"""Use cases, once: the API, the web pages, the CLI and the batch workers all call these functions.

catalogs (positions and the rule-set cache), evaluations (one candidate, stored records, replay, verify),
matches, batches (the one batch pipeline), accounts (tokens and users), audit (finding and reading records for
auditors), revisions (differences between revisions, what-if); context holds the state they share.
Names are loaded from their module on first use, so a command that writes nothing (`screen --no-record`) does
not import the storage layer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from screening.config import load_config
    from screening.services.accounts import (
        ANONYMOUS,
        ANONYMOUS_PRINCIPAL,
        MAX_LOGIN_FAILURES,
        ROLES,
        TOKEN_CACHE_SECONDS,
        LastAdmin,
        Principal,
        authenticate_token,
        check_password,
        create_token,
        create_user,
        end_sessions,
        get_user,
        list_tokens,
        list_users,
        lock_user,
        password_problems,
        reset_password,
        revoke_token,
        set_role,
        sign_in,
        staff_session,
        unlock_user,
    )
    from screening.services.audit import audit_record, search_records
    from screening.services.catalogs import (
        HEAD_SECONDS,
        decode_catalog,
        describe_position,
        drop_held_catalog,
        ensure_bundled_catalog,
        export_profile,
        get_rule_set,
        held_catalog,
        hold_catalog,
        import_catalog,
        list_positions,
        position_detail,
        preview_catalog,
    )
    from screening.services.context import (
        Context,
        NotFound,
        current,
        current_database,
        open_context,
        open_reading_context,
        prepare_database,
        today,
    )
    from screening.services.evaluations import (
        find_by_folio,
        get_evaluation,
        may_read_evaluation,
        replay,
        run_evaluation,
        verify,
    )
    from screening.services.matching import matches
    from screening.services.revisions import (
        batches_for_what_if,
        revision_diff,
        revisions_of_position,
        what_if,
    )
    from screening.storage import repositories as repo

_MODULES = {
    "audit": ("audit_record", "search_records"),
    "revisions": ("batches_for_what_if", "revision_diff", "revisions_of_position", "what_if"),
    "accounts": (
        "ANONYMOUS",
        "ANONYMOUS_PRINCIPAL",
        "LastAdmin",
        "MAX_LOGIN_FAILURES",
        "ROLES",
        "TOKEN_CACHE_SECONDS",
        "Principal",
        "authenticate_token",
        "check_password",
        "create_token",
        "create_user",
        "end_sessions",
        "get_user",
        "list_tokens",
        "list_users",
        "lock_user",
        "password_problems",
        "reset_password",
        "revoke_token",
        "set_role",
        "sign_in",
        "staff_session",
        "unlock_user",
    ),
    "catalogs": (
        "HEAD_SECONDS",
        "decode_catalog",
        "drop_held_catalog",
        "held_catalog",
        "hold_catalog",
        "preview_catalog",
        "describe_position",
        "ensure_bundled_catalog",
        "export_profile",
        "get_rule_set",
        "import_catalog",
        "list_positions",
        "position_detail",
    ),
    "context": (
        "Context",
        "NotFound",
        "current",
        "current_database",
        "open_context",
        "open_reading_context",
        "prepare_database",
        "today",
    ),
    "evaluations": (
        "find_by_folio",
        "get_evaluation",
        "may_read_evaluation",
        "replay",
        "run_evaluation",
        "verify",
    ),
    "matching": ("matches",),
}
__all__ = [
    "ANONYMOUS",
    "ANONYMOUS_PRINCIPAL",
    "HEAD_SECONDS",
    "MAX_LOGIN_FAILURES",
    "ROLES",
    "TOKEN_CACHE_SECONDS",
    "Context",
    "LastAdmin",
    "NotFound",
    "Principal",
    "audit_record",
    "authenticate_token",
    "batches_for_what_if",
    "check_password",
    "create_token",
    "create_user",
    "current",
    "current_database",
    "decode_catalog",
    "describe_position",
    "drop_held_catalog",
    "end_sessions",
    "ensure_bundled_catalog",
    "export_profile",
    "find_by_folio",
    "get_evaluation",
    "get_rule_set",
    "get_user",
    "held_catalog",
    "hold_catalog",
    "import_catalog",
    "list_positions",
    "list_tokens",
    "list_users",
    "load_config",
    "lock_user",
    "matches",
    "may_read_evaluation",
    "open_context",
    "open_reading_context",
    "password_problems",
    "position_detail",
    "prepare_database",
    "preview_catalog",
    "replay",
    "repo",
    "reset_password",
    "revision_diff",
    "revisions_of_position",
    "revoke_token",
    "run_evaluation",
    "search_records",
    "set_role",
    "sign_in",
    "staff_session",
    "today",
    "unlock_user",
    "verify",
    "what_if",
]
_WHERE = {name: f"screening.services.{module}" for module, names in _MODULES.items() for name in names}
_WHERE["load_config"] = "screening.config"


def __getattr__(name: str) -> Any:
    if name == "repo":
        return importlib.import_module("screening.storage.repositories")
    if name not in _WHERE:
        raise AttributeError(f"module 'screening.services' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
