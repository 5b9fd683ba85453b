from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "OPERATOR_NAME": settings.OPERATOR_NAME,
        "SIGN_LANGUAGE_VIDEO_URL": settings.SIGN_LANGUAGE_VIDEO_URL,
    }
