from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

from tests.oidc_provider.people.models import Person


class Command(BaseCommand):
    help = "Create or change a person at the test provider."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password", default="")
        parser.add_argument("--email", required=True)
        parser.add_argument("--verified", action="store_true")
        parser.add_argument("--name", default="")
        parser.add_argument("--groups", default="", help="comma-separated group names")
        parser.add_argument("--subject", type=int, help="the user id (the asserted sub) of a new person")

    def handle(self, username, password, email, verified, name, groups, subject, **options):
        user, _created = User.objects.get_or_create(username=username, defaults={"pk": subject} if subject else {})
        user.email = email
        first, _space, last = name.partition(" ")
        user.first_name, user.last_name = first, last
        if password:
            user.set_password(password)
        user.save()
        Person.objects.update_or_create(user=user, defaults={"email_verified": verified})
        user.groups.set([Group.objects.get_or_create(name=group)[0] for group in groups.split(",") if group])
        self.stdout.write(str(user.pk))
