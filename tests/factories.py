import factory
from django.utils import timezone

from smartregion.accounts.models import User

TEST_PASSWORD = "korrekt-pferd-batterie"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda number: f"person{number}@kommune.example")
    full_name = factory.Faker("name", locale="de_DE")
    # a person who signed up through the mailed link; tests of unconfirmed addresses pass None
    email_confirmed_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, password=TEST_PASSWORD, **kwargs)
