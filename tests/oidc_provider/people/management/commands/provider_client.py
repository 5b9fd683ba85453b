from django.core.management.base import BaseCommand
from oauth2_provider.models import Application


class Command(BaseCommand):
    help = "Register the platform as a confidential OpenID Connect client (RS256, authorization code)."

    def add_arguments(self, parser):
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--client-secret", required=True)
        parser.add_argument("--redirect-uri", action="append", default=[])
        parser.add_argument("--post-logout-redirect-uri", action="append", default=[])

    def handle(self, client_id, client_secret, redirect_uri, post_logout_redirect_uri, **options):
        Application.objects.filter(client_id=client_id).delete()
        Application.objects.create(
            name="Smart Region Hub",
            client_id=client_id,
            client_secret=client_secret,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            algorithm=Application.RS256_ALGORITHM,
            redirect_uris=" ".join(redirect_uri),
            post_logout_redirect_uris=" ".join(post_logout_redirect_uri),
            skip_authorization=False,
        )
