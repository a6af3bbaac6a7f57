"""People and brands administration: users, memberships and roles (admins only, or the CLI as the system)."""

from __future__ import annotations

from dam import auth
from dam.errors import Conflict, NotFound, Rejected
from dam.library import Library
from dam.models import User
from dam.permissions import Actor, PermissionDenied
from dam.repos import brands, events, users

SYSTEM = None  # the CLI acts as the system: whoever can run it owns the library folder


def _require_admin(actor: Actor | None) -> None:
    if actor is not SYSTEM and not actor.is_admin:
        raise PermissionDenied("Only an admin can manage people and brands.")


def add_user(
    library: Library, actor: Actor | None, handle: str, *, display_name: str = "", email: str = "",
    admin: bool = False, password: str | None = None,
) -> User:  # fmt: skip
    _require_admin(actor)
    password_hash = auth.hash_password(password) if password else None
    with library.catalog.transaction() as con:
        if users.by_handle(con, handle):
            raise Conflict(f"A user with the handle {handle!r} already exists.")
        user = users.create(con, handle, display_name, email, admin, password_hash)
        events.record(con, actor_id=actor.user_id if actor else None, action="user.create", entity="user",
                      entity_id=user.id, after={"handle": user.handle, "is_admin": admin})  # fmt: skip
    return user


def set_role(library: Library, actor: Actor | None, handle: str, brand_name: str, role: str | None) -> None:
    """Give a user a role in a brand, or remove them from it with role None."""
    _require_admin(actor)
    with library.catalog.transaction() as con:
        user = users.by_handle(con, handle)
        if user is None:
            raise NotFound(f"No user with the handle {handle!r}.")
        brand = brands.require_by_name(con, brand_name)
        before = users.role_in(con, user.id, brand.id)
        if role is None:
            users.remove_membership(con, user.id, brand.id)
        else:
            users.set_membership(con, user.id, brand.id, role)
        events.record(con, actor_id=actor.user_id if actor else None, action="user.role", entity="user",
                      entity_id=user.id, brand_id=brand.id, before={"role": before}, after={"role": role})  # fmt: skip


def set_password(library: Library, actor: Actor | None, handle: str, password: str) -> None:
    if actor is not SYSTEM and actor.handle.lower() != handle.lower():
        _require_admin(actor)
    user = users.by_handle(library.catalog.cursor(), handle)
    if user is None:
        raise NotFound(f"No user with the handle {handle!r}.")
    auth.set_password(library, user.id, password)


def add_brand(library: Library, actor: Actor | None, name: str) -> int:
    """Create a brand (admins); its name must be new."""
    _require_admin(actor)
    with library.catalog.transaction() as con:
        if brands.by_name(con, name):
            raise Conflict(f"A brand named {name.strip()!r} already exists.")
        brand = brands.create(con, name)
        events.record(con, actor_id=actor.user_id if actor else None, action="brand.create", entity="brand",
                      entity_id=brand.id, brand_id=brand.id, after={"name": brand.name})  # fmt: skip
    return brand.id


def rename_brand(library: Library, actor: Actor | None, old_name: str, new_name: str) -> None:
    """Rename a brand (admins); names stay unique, and ids keep every link working."""
    _require_admin(actor)
    new_name = " ".join(new_name.split())
    if not new_name:
        raise Rejected("A brand needs a name.")
    with library.catalog.transaction() as con:
        brand = brands.require_by_name(con, old_name)
        clash = brands.by_name(con, new_name)
        if clash is not None and clash.id != brand.id:
            raise Conflict(f"A brand named {new_name!r} already exists.")
        brands.rename(con, brand.id, new_name)
        events.record(con, actor_id=actor.user_id if actor else None, action="brand.rename", entity="brand",
                      entity_id=brand.id, brand_id=brand.id, before={"name": brand.name}, after={"name": new_name})  # fmt: skip


def people(library: Library, actor: Actor | None) -> list[dict]:
    """Every user with their e-mail and roles by brand name (admins: the Admin page; the system: `user list`)."""
    _require_admin(actor)
    con = library.catalog.cursor()
    names = {b.id: b.name for b in brands.all_brands(con)}
    return [
        {"handle": u.handle, "display_name": u.display_name, "email": u.email, "is_admin": u.is_admin,
         "roles": {names[b]: r for b, r in sorted(users.memberships(con, u.id).items())}}
        for u in users.all_users(con)
    ]  # fmt: skip
