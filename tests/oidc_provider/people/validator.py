from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """Claims as an administration's provider sends them: e-mail, whether it is verified, name, groups."""

    oidc_claim_scope = None  # every claim below, whatever the scopes (a test provider)

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": user.person.email_verified,
            "name": user.get_full_name(),
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }
