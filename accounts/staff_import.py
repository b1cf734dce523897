"""The staff directory import: a CSV of `nip,full_name,agency_code,email`, all or nothing.

Every row is checked before anything is written; a file with any bad row writes nothing and the
report names each bad row by its line in the file (the header is line 1). A good file creates the
accounts it does not know (the NIP is the username; no password: people sign in once an admin
or the province's sign-in gives them one) and updates the names, agencies and emails of those it
does, so running it twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Agency, User
from accounts.roles import user_is_admin
from core.errors import RuleForbidden

COLUMNS = ("nip", "full_name", "agency_code", "email")
NIP = re.compile(r"[0-9]{18}")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FULL_NAME_MAX = User._meta.get_field("full_name").max_length
BATCH = 2000


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("line %(line)d, %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [
                {"line": e.line, "column": e.column, "message": e.message} for e in self.errors
            ],
        }


@dataclass(frozen=True)
class _Row:
    line: int
    nip: str
    full_name: str
    agency_id: int
    email: str


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    return data.decode("utf-8-sig")


def _rows_checked(text: str, report: ImportReport) -> list[_Row]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        report.errors.append(
            RowError(1, ", ".join(missing), _("The header must name the columns %s.")
                     % ",".join(COLUMNS))
        )  # fmt: skip
        return []
    reader.fieldnames = header
    agencies = dict(Agency.objects.values_list("code", "pk"))
    seen: dict[str, int] = {}
    rows: list[_Row] = []
    try:
        for record in reader:
            report.rows += 1
            row = _row_checked(record, reader.line_num, agencies, seen, report)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        report.errors.append(RowError(reader.line_num, "-", _("Unreadable CSV: %s.") % error))
    if report.rows == 0 and not report.errors:
        report.errors.append(RowError(1, "-", _("The file holds no rows below its header.")))
    return rows


def _row_checked(
    record: dict, line: int, agencies: dict[str, int], seen: dict[str, int], report: ImportReport
) -> _Row | None:
    """The row if it is good; else its problems go into the report."""
    if None in record:
        report.errors.append(RowError(line, "-", _("This row has more columns than the header.")))
        return None
    values = {column: (record.get(column) or "").strip() for column in COLUMNS}
    problems = [
        (column, _("This value holds a control character."))
        for column, value in values.items()
        if CONTROL.search(value)
    ]
    if problems:
        report.errors.extend(RowError(line, column, message) for column, message in problems)
        return None
    nip = values["nip"]
    if not NIP.fullmatch(nip):
        problems.append(("nip", _("The NIP must be 18 digits.")))
    elif nip in seen:
        problems.append(("nip", _("The same NIP is on line %d.") % seen[nip]))
    else:
        seen[nip] = line
    if not values["full_name"]:
        problems.append(("full_name", _("The name is missing.")))
    elif len(values["full_name"]) > FULL_NAME_MAX:
        problems.append(("full_name", _("The name is longer than %d characters.") % FULL_NAME_MAX))
    agency_id = agencies.get(values["agency_code"])
    if agency_id is None:
        problems.append(("agency_code", _("No agency has the code “%s”.") % values["agency_code"]))
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            problems.append(("email", _("This is not an email address.")))
    if problems:
        report.errors.extend(RowError(line, column, message) for column, message in problems)
        return None
    return _Row(line, nip, values["full_name"], agency_id, values["email"])


def staff_import(*, data: bytes | str, by: User | None, dry_run: bool = False) -> ImportReport:
    """Check the file, then (unless `dry_run` or any row is bad) create and update accounts in
    one transaction. `by` is the admin importing from the console; None is the operator's
    command line."""
    if by is not None and not user_is_admin(by):
        raise RuleForbidden(
            "not_admin", _("Only innovation admins may import the staff directory.")
        )
    report = ImportReport(dry_run=dry_run)
    try:
        text = _text(data)
    except UnicodeDecodeError:
        report.errors.append(RowError(1, "-", _("The file is not UTF-8 text.")))
        return report
    rows = _rows_checked(text, report)
    if report.errors:
        return report
    with transaction.atomic():
        existing = {
            user.nip: user
            for user in User.objects.select_for_update()
            .filter(nip__in=[row.nip for row in rows])
            .only("pk", "nip", "username", "full_name", "agency_id", "email")
        }
        taken = set(
            User.objects.filter(username__in=[r.nip for r in rows if r.nip not in existing])
            .values_list("username", flat=True)
        )  # fmt: skip
        clash = _("Another account already has this NIP as its username.")
        report.errors.extend(RowError(row.line, "nip", clash) for row in rows if row.nip in taken)
        if report.errors:
            return report
        new, changed = [], []
        for row in rows:
            user = existing.get(row.nip)
            if user is None:
                new.append(
                    User(
                        username=row.nip,
                        nip=row.nip,
                        full_name=row.full_name,
                        agency_id=row.agency_id,
                        email=row.email,
                        password=make_password(None),
                    )
                )
            elif (user.full_name, user.agency_id, user.email) != (
                row.full_name,
                row.agency_id,
                row.email,
            ):
                user.full_name, user.agency_id, user.email = row.full_name, row.agency_id, row.email
                changed.append(user)
        report.created, report.updated = len(new), len(changed)
        report.unchanged = len(rows) - len(new) - len(changed)
        if not dry_run:
            User.objects.bulk_create(new, batch_size=BATCH)
            User.objects.bulk_update(changed, ["full_name", "agency", "email"], batch_size=BATCH)
    return report
