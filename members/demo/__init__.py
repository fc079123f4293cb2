"""Demo members for the demo_content command: 635 approved members (the figure the seed
workspace reported), 6 waiting for approval, 3 declined, and one sign-in per role.

Everything is generated (Faker, en_GB, fixed seed): no real people or organisations. The
sectors people work in (how common each is, its organisations and job roles) and the reason
given to those declined are in `data/members.json`. Running `build` again creates nothing
new: people are keyed by their generated email address.
"""

import random
import re
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from allauth.account.models import EmailAddress
from faker import Faker

from core.demo import bulk_create_backdated, read_data

from .. import roles
from ..models import MemberProfile, Sector, User

DEMO_PASSWORD = "community-demo-2026"
SEED = 2026
APPROVED_TOTAL = 635
PENDING = 6
DECLINED = 3

#: (role, email, first name, last name, groups, superuser, sign-in next URL)
DEMO_LOGINS = [
    ("Member", "member@example.org", "Morgan", "Member", [roles.MEMBERS], False, None),
    (
        "Moderator",
        "moderator@example.org",
        "Mo",
        "Moderator",
        [roles.MEMBERS, roles.MODERATORS],
        False,
        "/admin/",
    ),
    (
        "Editor",
        "editor@example.org",
        "Eddie",
        "Editor",
        [roles.MEMBERS, roles.EDITORS],
        False,
        "/admin/",
    ),
    ("Administrator", "admin@example.org", "Ada", "Admin", [roles.MEMBERS], True, "/admin/"),
]


def approved_generated_members(*fields):
    """(pk, *fields) of the approved generated members, in a fixed order (by their generated
    email address); never the role sign-ins. For other apps' demos to pick people from."""
    return list(
        User.objects.filter(is_active=True, member_profile__status=MemberProfile.Status.APPROVED)
        .exclude(email__in=[row[1] for row in DEMO_LOGINS])
        .order_by("email")
        .values_list("pk", *fields)
    )


def email_part(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_name.lower()) or "member"


def generated_people(sectors):
    """The same list of people every time: dicts of user and profile fields."""
    fake = Faker("en_GB")
    fake.seed_instance(SEED)
    rng = random.Random(SEED)
    statuses = (
        [MemberProfile.Status.APPROVED] * (APPROVED_TOTAL - len(DEMO_LOGINS))
        + [MemberProfile.Status.PENDING] * PENDING
        + [MemberProfile.Status.DECLINED] * DECLINED
    )
    rng.shuffle(statuses)
    now = timezone.now()
    weights = [sector["weight"] for sector in sectors.values()]
    people = []
    for number, status in enumerate(statuses, start=1):
        first, last = fake.first_name(), fake.last_name()
        sector = rng.choices(list(sectors), weights)[0]
        if status == MemberProfile.Status.PENDING:
            joined = now - timedelta(days=rng.randint(1, 14), minutes=rng.randint(0, 1440))
        else:
            joined = now - timedelta(days=rng.randint(20, 3 * 365), minutes=rng.randint(0, 1440))
        people.append(
            {
                "email": f"{email_part(first)}.{email_part(last)}.{number}@example.org",
                "first_name": first,
                "last_name": last,
                "joined": joined,
                "status": status,
                "decided": joined + timedelta(days=rng.randint(1, 10)),
                "sector": sector,
                "job_role": rng.choice(sectors[sector]["job_roles"]),
                "organisation": rng.choice(sectors[sector]["organisations"]).format(
                    place=fake.city()
                ),
            }
        )
    return people


@transaction.atomic
def build(stdout):
    password = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo account
    groups = {name: roles.get_group(name) for name in (roles.MEMBERS, *roles.ADMIN_GROUPS)}
    editor = _build_demo_logins(password, groups)
    data = read_data(__package__, "members.json")
    # Sector(...) refuses a sector the model does not have.
    sectors = {Sector(name): sector for name, sector in data["sectors"].items()}
    created = _build_generated_members(
        generated_people(sectors),
        password,
        groups["Members"],
        decided_by=editor,
        decline_reason=data["decline_reason"],
    )

    approved = MemberProfile.objects.approved().count()
    stdout.write(
        f"Members: {approved} approved, {MemberProfile.objects.pending().count()} waiting, "
        f"{MemberProfile.objects.declined().count()} declined ({created} new).\n"
    )
    _write_login_table(stdout)


def _build_demo_logins(password, groups):
    editor = None
    for _role, email, first, last, group_names, superuser, _next in DEMO_LOGINS:
        user, _created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "password": password,
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        MemberProfile.objects.get_or_create(
            user=user,
            defaults={
                "job_role": "Core action group member" if superuser else f"Demo {last.lower()}",
                "organisation": "Community of Action",
                "sector": Sector.OTHER,
                "status": MemberProfile.Status.APPROVED,
            },
        )
        user.groups.add(*(groups[name] for name in group_names))
        if email == "editor@example.org":
            editor = user
    return editor


def _build_generated_members(people, password, members_group, decided_by, decline_reason):
    existing = set(
        User.objects.filter(email__in=[p["email"] for p in people]).values_list("email", flat=True)
    )
    new_people = [p for p in people if p["email"] not in existing]
    if not new_people:
        return 0

    users = User.objects.bulk_create(
        User(
            email=p["email"],
            first_name=p["first_name"],
            last_name=p["last_name"],
            password=password,
            date_joined=p["joined"],
        )
        for p in new_people
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    # created_at is auto_now_add: the helper puts the joining dates back after the insert.
    bulk_create_backdated(
        MemberProfile,
        (
            MemberProfile(
                user=user,
                job_role=p["job_role"],
                organisation=p["organisation"],
                sector=p["sector"],
                status=p["status"],
                status_changed_at=p["joined"] if p["status"] == "pending" else p["decided"],
                decided_by=None if p["status"] == "pending" else decided_by,
                decline_reason=decline_reason if p["status"] == "declined" else "",
                created_at=p["joined"],
            )
            for user, p in zip(users, new_people, strict=True)
        ),
    )

    Membership = User.groups.through
    Membership.objects.bulk_create(
        (
            Membership(user_id=user.pk, group_id=members_group.pk)
            for user, p in zip(users, new_people, strict=True)
            if p["status"] == "approved"
        ),
        ignore_conflicts=True,
    )
    return len(users)


def _write_login_table(stdout):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    login = reverse("account_login")
    rows = [("Role", "Email", "Sign in at")]
    for role, email, *_rest, next_url in DEMO_LOGINS:
        rows.append((role, email, base + login + (f"?next={next_url}" if next_url else "")))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    stdout.write(f"Demo sign-ins (password for each: {DEMO_PASSWORD}):\n")
    for role, email, url in rows:
        stdout.write(f"  {role.ljust(widths[0])}  {email.ljust(widths[1])}  {url}\n")
