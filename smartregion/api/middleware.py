"""The API answers in the language the request asks for.

The pages take their language from the address (German without prefix, English under /en/); Django's
LocaleMiddleware therefore gives every address without prefix – /api/ included – German, whatever the
request's Accept-Language says. The API has no /en/ addresses, so for it the request decides: the
Accept-Language header (or the site's language cookie), German when neither names a language we offer.
"""

from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


class ApiLanguageMiddleware:
    """Placed right after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers["Content-Language"] = request.LANGUAGE_CODE
        return response
