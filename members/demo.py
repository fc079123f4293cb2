"""Demo members for the demo_content command: 635 approved members (the figure the seed
workspace reported), 6 waiting for approval, 3 declined, and one sign-in per role.

Everything is generated (Faker, en_GB, fixed seed): no real people or organisations. Running
`build` again creates nothing new: people are keyed by their generated email address.
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

from . import roles
from .models import MemberProfile, Sector, User

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

SECTOR_WEIGHTS = {
    Sector.HEALTH: 30,
    Sector.SOCIAL_CARE: 15,
    Sector.EDUCATION: 12,
    Sector.JUSTICE: 8,
    Sector.HOUSING: 7,
    Sector.LOCAL_GOVERNMENT: 8,
    Sector.VOLUNTARY: 12,
    Sector.LIVED_EXPERIENCE: 5,
    Sector.OTHER: 3,
}
ORGANISATIONS = {
    Sector.HEALTH: [
        "{place} NHS Foundation Trust",
        "{place} Integrated Care Board",
        "{place} Community Health Services",
        "{place} Medical Practice",
    ],
    Sector.SOCIAL_CARE: ["{place} Adult Social Care", "{place} Children's Services"],
    Sector.EDUCATION: ["{place} Primary School", "{place} Academy", "{place} College"],
    Sector.JUSTICE: ["{place} Youth Justice Service", "{place} Probation Service"],
    Sector.HOUSING: ["{place} Housing Association", "{place} Homes"],
    Sector.LOCAL_GOVERNMENT: ["{place} Council", "{place} Borough Council"],
    Sector.VOLUNTARY: [
        "{place} Refugee Support",
        "{place} Youth Project",
        "{place} Community Trust",
    ],
    Sector.LIVED_EXPERIENCE: ["Independent", "{place} Peer Network"],
    Sector.OTHER: ["{place} University", "Independent"],
}
JOB_ROLES = {
    Sector.HEALTH: [
        "Mental health nurse",
        "Clinical psychologist",
        "Health visitor",
        "GP",
        "Occupational therapist",
        "Midwife",
    ],
    Sector.SOCIAL_CARE: ["Social worker", "Care home manager", "Family support worker"],
    Sector.EDUCATION: ["Teacher", "Special educational needs coordinator", "Head teacher"],
    Sector.JUSTICE: ["Probation officer", "Youth justice worker", "Police sergeant"],
    Sector.HOUSING: ["Housing officer", "Tenancy sustainment worker"],
    Sector.LOCAL_GOVERNMENT: ["Public health lead", "Commissioning manager"],
    Sector.VOLUNTARY: ["Support worker", "Volunteer coordinator", "Project manager"],
    Sector.LIVED_EXPERIENCE: ["Peer support worker", "Expert by experience adviser"],
    Sector.OTHER: ["Researcher", "Trainer"],
}


def email_part(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_name.lower()) or "member"


def generated_people():
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
    sectors, weights = zip(*SECTOR_WEIGHTS.items(), strict=True)
    people = []
    for number, status in enumerate(statuses, start=1):
        first, last = fake.first_name(), fake.last_name()
        sector = rng.choices(sectors, weights)[0]
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
                "job_role": rng.choice(JOB_ROLES[sector]),
                "organisation": rng.choice(ORGANISATIONS[sector]).format(place=fake.city()),
            }
        )
    return people


@transaction.atomic
def build(stdout):
    password = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo account
    groups = {name: roles.get_group(name) for name in (roles.MEMBERS, *roles.ADMIN_GROUPS)}
    editor = _build_demo_logins(password, groups)
    created = _build_generated_members(password, groups["Members"], decided_by=editor)

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


def _build_generated_members(password, members_group, decided_by):
    people = generated_people()
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
    profiles = MemberProfile.objects.bulk_create(
        MemberProfile(
            user=user,
            job_role=p["job_role"],
            organisation=p["organisation"],
            sector=p["sector"],
            status=p["status"],
            status_changed_at=p["joined"] if p["status"] == "pending" else p["decided"],
            decided_by=None if p["status"] == "pending" else decided_by,
            decline_reason=(
                "Thank you for your interest. The community is for people working in or "
                "with lived experience of services in the UK."
                if p["status"] == "declined"
                else ""
            ),
        )
        for user, p in zip(users, new_people, strict=True)
    )
    # created_at is auto_now_add, so spread the joining dates after the insert.
    for profile, p in zip(profiles, new_people, strict=True):
        profile.created_at = p["joined"]
    MemberProfile.objects.bulk_update(profiles, ["created_at"], batch_size=500)

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
