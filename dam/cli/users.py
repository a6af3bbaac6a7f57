"""CLI commands for people: `user add`, `user list`, `user role`, `user passwd`."""

from __future__ import annotations

import argparse
import getpass
import sys

from dam.cli.common import open_library, print_json
from dam.errors import DamError
from dam.services import people
from dam.vocab import ROLES


def register(commands: argparse._SubParsersAction) -> None:
    register_brands(commands)
    user = commands.add_parser("user", help="manage people: add, list, role, passwd")
    verbs = user.add_subparsers(dest="verb", metavar="VERB", required=True)

    add = verbs.add_parser("add", help="create a user (give --admin for the first admin)")
    add.add_argument("handle")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--email", default="")
    add.add_argument("--admin", action="store_true", help="may manage people, brands and every asset")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(handler=cmd_add)

    verbs.add_parser("list", help="every user with their roles").set_defaults(handler=cmd_list)

    role = verbs.add_parser("role", help="set a user's role in a brand (or `none` to remove them)")
    role.add_argument("handle")
    role.add_argument("brand")
    role.add_argument("role", choices=[*ROLES, "none"])
    role.set_defaults(handler=cmd_role)

    passwd = verbs.add_parser("passwd", help="set a user's password")
    passwd.add_argument("handle")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.set_defaults(handler=cmd_passwd)


def register_brands(commands: argparse._SubParsersAction) -> None:
    brand = commands.add_parser("brand", help="manage brands: add, rename, list")
    verbs = brand.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="create a brand")
    add.add_argument("name")
    add.set_defaults(handler=lambda args: _with(args, lambda lib: people.add_brand(lib, people.SYSTEM, args.name)))
    rename = verbs.add_parser("rename", help="rename a brand (links keep working)")
    rename.add_argument("old")
    rename.add_argument("new")
    rename.set_defaults(handler=lambda args: _with(args, lambda lib: people.rename_brand(lib, people.SYSTEM, args.old, args.new)))
    verbs.add_parser("list", help="every brand").set_defaults(handler=cmd_brand_list)


def _with(args: argparse.Namespace, action) -> int:
    with open_library(args) as library:
        action(library)
    return 0


def cmd_brand_list(args: argparse.Namespace) -> int:
    from dam.repos import brands

    with open_library(args, read_only=True) as library:
        for brand in brands.all_brands(library.catalog.cursor()):
            print_json({"id": brand.id, "name": brand.name})
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise DamError("No terminal to ask for a password: pass --password-stdin and pipe it in.")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise DamError("The two passwords differ.")
    return first


def cmd_add(args: argparse.Namespace) -> int:
    password = _read_password(args.password_stdin)
    with open_library(args) as library:
        user = people.add_user(library, people.SYSTEM, args.handle, display_name=args.name, email=args.email,
                               admin=args.admin, password=password)  # fmt: skip
    print_json({"id": user.id, "handle": user.handle, "is_admin": user.is_admin})
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_library(args, read_only=True) as library:
        for person in people.people(library, people.SYSTEM):
            print_json(person)
    return 0


def cmd_role(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        people.set_role(library, people.SYSTEM, args.handle, args.brand, None if args.role == "none" else args.role)
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    password = _read_password(args.password_stdin)
    with open_library(args) as library:
        people.set_password(library, people.SYSTEM, args.handle, password)
    return 0
